"""Windows event and message-table harvester (issue #13 part 2): adds the event templates and
message-table texts listed in PICKS to windows-events.json, each checked verbatim against a public
dump of the Windows manifests or message files and cited by file and line.

Sources (fetched as git mirrors under /work/.mirror):
  brain  scheatkode/brain knowledgebase/systems/windows/event-logs/<Provider>.md
         (provider manifests: one <tr> row per event ID with its message template)
  mf     libyal/winevt-kb docs/sources/message-files/MessageFile-<file>.md at 5e51c65
         (message tables of ntdll.dll, msobjs.dll, ...: "0xID | text" rows per Windows version;
         the newest version section is used)

Usage: python3 windows_events.py            (checks every pick, rewrites windows-events.json)
       python3 windows_events.py --check    (checks only)
A pick whose text is not found verbatim in its row stops the run. Entries already in the file
(same text, locale and yield) are kept as they are; the picks are appended after them."""
import html, json, os, re, subprocess, sys

M = '/work/.mirror'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'windows-events.json')
BRAIN = ('scheatkode/brain', M + '/scheatkode+brain/repo', 'HEAD',
         'knowledgebase/systems/windows/event-logs/%s.md')
MF = ('libyal/winevt-kb', M + '/libyal+winevt-kb/repo', '5e51c65e83317e81eb68bca37a0fc56cc512eb1e',
      'docs/sources/message-files/MessageFile-%s.md')

_cache = {}


def _git(gitdir, *args):
    return subprocess.run(['git', '--git-dir=' + gitdir] + list(args), capture_output=True,
                          text=True, check=True).stdout


def _commit(src):
    return _git(src[1], 'rev-parse', src[2]).strip()[:12]


def _show(src, name):
    key = (src[0], name)
    if key not in _cache:
        _cache[key] = _git(src[1], 'show', '%s:%s' % (src[2], src[3] % name))
    return _cache[key]


def brain_row(provider, event_id):
    """(template text, line) of one event row of a manifest dump."""
    txt = _show(BRAIN, provider)
    for m in re.finditer(r'<tr><td>(.*?)</td><td>(\d+)</td><td>(.*?)</td></tr>', txt, re.S):
        if int(m.group(2)) & 0xFFFF == event_id or int(m.group(2)) == event_id:
            return html.unescape(m.group(3)), txt.count('\n', 0, m.start()) + 1
    raise SystemExit('no event %d in %s' % (event_id, provider))


def mf_row(dll, msg_id):
    """(message text, line) of one message in the newest version section of a message file."""
    lines = _show(MF, dll).split('\n')
    start = max(i for i, l in enumerate(lines) if l.startswith('### '))
    for i in range(start, len(lines)):
        if lines[i].lower().startswith('0x%08x |' % msg_id):
            t = lines[i].split('|', 1)[1].strip()
            t = t.replace('\\r\\n', ' ').replace('%n', ' ').replace('%t', ' ')
            return re.sub(r'\s+', ' ', t), i + 1
    raise SystemExit('no message 0x%08x in %s' % (msg_id, dll))


def norm(s):
    return re.sub(r'\s+', ' ', s)


def source_of(where):
    kind, name, ident = where
    if kind == 'brain':
        text, line = brain_row(name, ident)
        cite = '%s@%s %s:%d (%s event %d, from the provider manifest)' % (
            BRAIN[0], _commit(BRAIN), BRAIN[3] % name, line, name, ident)
    else:
        text, line = mf_row(name, ident)
        cite = '%s@%s %s:%d (%s message 0x%08X)' % (
            MF[0], _commit(MF), MF[3] % name, line, name, ident)
    return norm(text), cite


B = lambda p, i: ('brain', p, i)
LSM = 'Microsoft-Windows-TerminalServices-LocalSessionManager'
RCM = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'
CORE = 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS'
AX = 'Microsoft-Windows-TerminalServices-ClientActiveXCore'
SCH = 'Schannel'
NTLM = 'Microsoft-Windows-NTLM'
KERB = 'Microsoft-Windows-Security-Kerberos'
SEC = 'Microsoft-Windows-Security-Auditing'
NT = lambda i: ('mf', 'ntdll.dll', i)
OBJ = lambda i: ('mf', 'msobjs.dll', i)

# (where, text as it appears in the row, yields, example). Texts stop before inserts (%1) or
# pick the distinctive clause between them.
PICKS = [
    # LocalSessionManager
    (B(LSM, 21), 'Remote Desktop Services: Session logon succeeded', 'event:21',
     'Remote Desktop Services: Session logon succeeded:\n\nUser: CONTOSO\\bob\nSession ID: 2\nSource Network Address: 10.0.0.9'),
    (B(LSM, 22), 'Remote Desktop Services: Shell start notification received', 'event:22',
     'Remote Desktop Services: Shell start notification received:\n\nUser: CONTOSO\\bob\nSession ID: 2'),
    (B(LSM, 23), 'Remote Desktop Services: Session logoff succeeded', 'event:23',
     'Remote Desktop Services: Session logoff succeeded:\n\nUser: CONTOSO\\bob\nSession ID: 2'),
    (B(LSM, 24), 'Remote Desktop Services: Session has been disconnected', 'event:24',
     'Remote Desktop Services: Session has been disconnected:\n\nUser: CONTOSO\\bob\nSession ID: 2'),
    (B(LSM, 25), 'Remote Desktop Services: Session reconnection succeeded', 'event:25',
     'Remote Desktop Services: Session reconnection succeeded:\n\nUser: CONTOSO\\bob\nSession ID: 2'),
    (B(LSM, 40), 'has been disconnected,', 'event:40',
     'Session 3 has been disconnected, reason code 12'),
    (B(LSM, 17), 'Remote Desktop Service start failed', 'msg:cant-connect-reasons',
     'Remote Desktop Service start failed. The relevant status code was 0xC0000022.'),
    (B(LSM, 34), 'Remote Desktop Services is not accepting logons because setup is running',
     'msg:cant-connect-reasons',
     'Remote Desktop Services is not accepting logons because setup is running.'),
    # RemoteConnectionManager
    (B(RCM, 1158), 'Remote Desktop Services accepted a connection from IP address', 'net:tcp-ok',
     'Remote Desktop Services accepted a connection from IP address 10.0.0.9.'),
    (B(RCM, 1004), 'cannot issue a client license', 'msg:licensing',
     'The Remote Desktop Session Host server cannot issue a client license.  It was unable to issue the license due to a changed (mismatched) client license'),
    (B(RCM, 1011), 'because its temporary license has expired', 'msg:licensing',
     'The remote session could not be established from remote desktop client PC01 because its temporary license has expired.'),
    (B(RCM, 1003), 'has provided an invalid license', 'msg:licensing',
     "The remote desktop client 'PC01' has provided an invalid license."),
    (B(RCM, 1069), 'The RD Licensing grace period has expired and Licensing mode', 'event:1069',
     'The RD Licensing grace period has expired and Licensing mode for the Remote Desktop Session Host server has not been configured.'),
    (B(RCM, 1068), 'The RD Licensing mode has not been configured', 'event:1068',
     'The RD Licensing mode has not been configured.'),
    (B(RCM, 50280), 'has not registered with a license server with installed licenses', 'msg:licensing',
     'The RD Licensing grace period has expired and the service has not registered with a license server with installed licenses.'),
    (B(RCM, 50282), 'does not have a Remote Desktop license server specified', 'msg:licensing',
     'The Remote Desktop Session Host server does not have a Remote Desktop license server specified.'),
    (B(RCM, 50283), 'could not contact the Remote Desktop license server', 'msg:licensing',
     'The Remote Desktop Session Host server could not contact the Remote Desktop license server LIC01.'),
    (B(RCM, 50195), 'cannot communicate with the Remote Desktop license server', 'msg:licensing',
     'The Remote Desktop Session Host server cannot communicate with the Remote Desktop license server LIC01.'),
    (B(RCM, 50284), 'does not support the version of the operating system running on the Remote Desktop Session Host server',
     'msg:licensing',
     'The Remote Desktop license server LIC01 does not support the version of the operating system running on the Remote Desktop Session Host server.'),
    (B(RCM, 1006), 'received large number of incomplete connections', 'event:1006',
     'The RD Session Host server received large number of incomplete connections.  The system may be under attack.'),
    (B(RCM, 1050), 'is configured with inconsistent authentication and encryption settings', 'event:1050',
     'The RD Session Host Server listener RDP-Tcp is configured with inconsistent authentication and encryption settings.'),
    (B(RCM, 1051), 'no usable certificate was found on the server', 'event:1051',
     'The RD Session Host Server is configured to use SSL with user selected certificate, however, no usable certificate was found on the server.'),
    (B(RCM, 1052), 'is configured to use a certificate that will expire in', 'event:1052',
     'The RD Session Host Server is configured to use a certificate that will expire in 5 days.'),
    (B(RCM, 1053), 'is configured to use a certificate that is expired', 'msg:cert-expired',
     'The RD Session Host Server is configured to use a certificate that is expired.'),
    (B(RCM, 1055), 'is unable to access the private key associated with this certificate', 'event:1055',
     'The RD Session Host Server is configured to use a certificate but is unable to access the private key associated with this certificate.'),
    (B(RCM, 1059), 'authentication certificate configuration data was invalid', 'event:1059',
     'The RD Session Host Server authentication certificate configuration data was invalid and the service reset it.'),
    (B(RCM, 1062), 'but the subject name on the certificate is invalid', 'event:1062',
     'The RD Session Host server is configured to use a template-based certificate for Transport Layer Security (TLS) 1.0\\Secure Sockets Layer (SSL) authentication and encryption, but the subject name on the certificate is invalid.'),
    (B(RCM, 1064), 'cannot install a new template-based certificate', 'event:1064',
     'The RD Session Host server cannot install a new template-based certificate to be used for Transport Layer Security (TLS) 1.0\\Secure Sockets Layer (SSL) authentication and encryption.'),
    (B(RCM, 1065), 'has expired and cannot be replaced by the RD Session Host server', 'event:1065',
     'The template-based certificate that is being used by the RD Session Host server for Transport Layer Security (TLS) 1.0\\Secure Sockets Layer (SSL) authentication and encryption has expired and cannot be replaced by the RD Session Host server.'),
    (B(RCM, 1070), 'is currently in drain mode', 'msg:cant-connect-reasons',
     'A logon request was denied because the RD Session Host server is currently in drain mode and therefore not accepting new user logons.'),
    (B(RCM, 1071), 'is currently configured to not accept connections', 'msg:cant-connect-reasons',
     'A connection request was denied because the RD Session Host server is currently configured to not accept connections.'),
    (B(RCM, 1149), 'Remote Desktop Services: User authentication succeeded', 'event:1149',
     'Remote Desktop Services: User authentication succeeded:\n\nUser: bob\nDomain: CONTOSO\nSource Network Address: 10.0.0.9'),
    (B(RCM, 20515), 'has been idle over its time limit', 'ext:0x3',
     'Session 2 has been idle over its time limit, and was disconnected'),
    (B(RCM, 20517), 'has exceeded its time limit', 'ext:0x4',
     'Session 2 has exceeded its time limit, and was logged off'),
    (B(RCM, 20519), 'has exceeded its disconnect time limit', 'msg:network-lost',
     'Session 2 has exceeded its disconnect time limit, and was logged off'),
    # RdpCoreTS
    (B(CORE, 1), 'The RDP Graphics module failed to initialize', 'msg:server-resource',
     'The RDP Graphics module failed to initialize. Verify that the server is correctly configured.'),
    (B(CORE, 3), 'The RemoteFX module failed to initialize', 'msg:server-resource',
     'The RemoteFX module failed to initialize. Verify that the server is correctly configured.'),
    (B(CORE, 97), 'The RDP protocol component', 'msg:protocol-error',
     'The RDP protocol component X.224 detected an error (0x2) in the protocol stream and the client was disconnected.'),
    (B(CORE, 98), 'A TCP connection has been successfully established', 'net:tcp-ok',
     'A TCP connection has been successfully established.'),
    (B(CORE, 99), 'The TCP connection has failed with the error code', 'msg:connection-reset',
     'The TCP connection has failed with the error code 10054.'),
    (B(CORE, 139), 'The server security layer detected an error', 'event:139',
     'The server security layer detected an error (0x80090304) in the protocol stream and the client (Client IP:10.0.0.9) has been disconnected.'),
    (B(CORE, 142), 'TCP socket READ operation failed', 'msg:connection-reset',
     'TCP socket READ operation failed, error 1236'),
    (B(CORE, 143), 'TCP socket WRITE operation failed', 'msg:connection-reset',
     'TCP socket WRITE operation failed, error 10054'),
    (B(CORE, 226), 'An error was encountered when transitioning from', 'event:226',
     'RDPEncComp: An error was encountered when transitioning from StateUnknown in response to Event_Connect (error code 0x80070040).'),
    # ClientActiveXCore (the client's own event log)
    (B(AX, 1024), 'RDP ClientActiveX is trying to connect to the server', 'event:1024',
     'RDP ClientActiveX is trying to connect to the server (server01.contoso.com)'),
    (B(AX, 1005), 'Client failed to logon on to the server', 'msg:logon-failure',
     'Client failed to logon on to the server (Error = 2055)'),
    (B(AX, 1006), 'Client machine has lost network connectivity', 'msg:network-lost',
     'Client machine has lost network connectivity (Reason= 264)'),
    (B(AX, 1007), 'DNS failed to resolve the server name', 'net:dns-failed',
     'DNS failed to resolve the server name (Error= 260)'),
    (B(AX, 1009), 'The credentials provided were failed to be authenticated by the server', 'msg:logon-failure',
     'The credentials provided were failed to be authenticated by the server'),
    (B(AX, 1012), 'RDP ClientActiveX failed to connect to the gateway server', 'msg:gateway',
     'RDP ClientActiveX failed to connect to the gateway server(Error= 0x800759DB)'),
    (B(AX, 1017), 'Client does not have a license to connect to the server', 'msg:licensing',
     'Client does not have a license to connect to the server (Error= 0x808)'),
    (B(AX, 1021), "RDP ClientActiveX's gateway transport has recorded the following error", 'msg:gateway',
     "RDP ClientActiveX's gateway transport has recorded the following error - 0x800759EE. Check Details."),
    (B(AX, 1216), 'ADAL error code =', 'msg:entra-signin',
     'ADAL error code = 0xCAA2000C, description = The request requires user interaction.'),
    # Schannel
    (B(SCH, 36869), 'certificate does not have a private key information property attached to it',
     'msg:server-key-unreadable',
     "The TLS server credential's certificate does not have a private key information property attached to it."),
    (B(SCH, 36872), "specified certificate's chain could not be retrieved", 'event:36872',
     "The TLS server specified certificate's chain could not be retrieved:\n\n   Failure Status: 0x800B010A"),
    (B(SCH, 36873), 'No supported cipher suites were found when initiating a TLS connection', 'msg:ssl-error',
     'No supported cipher suites were found when initiating a TLS connection. This indicates a configuration problem with the client application and/or the installed cryptographic modules.'),
    (B(SCH, 36874), 'none of the cipher suites supported by the client application are supported by the server',
     'event:36874',
     'An TLS 1.2 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server.'),
    (B(SCH, 36876), 'The certificate received from the remote server has not validated correctly', 'msg:cert-untrusted',
     'The certificate received from the remote server has not validated correctly. The error code is 0x80090325.'),
    (B(SCH, 36881), 'The certificate received from the remote server has either expired or is not yet valid',
     'msg:cert-expired',
     'The certificate received from the remote server has either expired or is not yet valid. The TLS connection request has failed.'),
    (B(SCH, 36882), 'The certificate received from the remote server was issued by an untrusted certificate authority',
     'msg:cert-untrusted',
     'The certificate received from the remote server was issued by an untrusted certificate authority.'),
    (B(SCH, 36883), 'The certificate received from the remote server has been revoked', 'msg:cert-revocation',
     'The certificate received from the remote server has been revoked.'),
    (B(SCH, 36884), 'The certificate received from the remote server does not contain the expected name',
     'msg:cert-name-mismatch',
     'The certificate received from the remote server does not contain the expected name. It is therefore not possible to determine whether we are connecting to the correct server.'),
    # NTLM operational (restriction events; the 8001-8003 audits only say what would be blocked)
    (B(NTLM, 4001), 'NTLM client blocked: Outgoing NTLM authentication traffic to remote servers that is blocked',
     'msg:ntlm-blocked',
     'NTLM client blocked: Outgoing NTLM authentication traffic to remote servers that is blocked.\nTarget server: TERMSRV/server01'),
    (B(NTLM, 4002), 'NTLM server blocked: Incoming NTLM traffic to servers that is blocked', 'msg:ntlm-blocked',
     'NTLM server blocked: Incoming NTLM traffic to servers that is blocked\nCalling process PID: 4'),
    (B(NTLM, 4003), 'NTLM server blocked in the domain: NTLM authentication in this domain that is blocked',
     'msg:ntlm-blocked',
     'NTLM server blocked in the domain: NTLM authentication in this domain that is blocked\nUser: bob'),
    (B(NTLM, 100), 'NTLM authentication failed because the account was a member of the Protected User group',
     'msg:ntlm-blocked',
     'NTLM authentication failed because the account was a member of the Protected User group.'),
    (B(NTLM, 101), 'NTLM authentication failed because access control restrictions are required',
     'msg:ntlm-blocked',
     'NTLM authentication failed because access control restrictions are required.'),
    (B(NTLM, 4013), 'Attempt to use NTLMv1 failed', 'msg:ntlm-blocked', 'Attempt to use NTLMv1 failed.'),
    # Kerberos client (System log)
    (B(KERB, 4), 'The Kerberos client received a KRB_AP_ERR_MODIFIED error from the server', 'msg:auth-error',
     'The Kerberos client received a KRB_AP_ERR_MODIFIED error from the server server01$. The target name used was TERMSRV/server01.'),
    (B(KERB, 5), 'The Kerberos client received a KRB_AP_ERR_TKT_NYV error from the server', 'msg:time-skew',
     'The Kerberos client received a KRB_AP_ERR_TKT_NYV error from the server server01$.'),
    (B(KERB, 14), 'The password stored in Credential Manager is invalid', 'msg:logon-failure',
     'The password stored in Credential Manager is invalid. This might be caused by the logged on user changing the password from this computer or a different computer.'),
    # Security log
    (B(SEC, 4625), 'An account failed to log on', 'msg:logon-failure',
     'An account failed to log on.\n\nLogon Type:\t\t\t10\n\nFailure Information:\n\tFailure Reason:\t\tUnknown user name or bad password.'),
    (B(SEC, 4771), 'Kerberos pre-authentication failed', 'msg:logon-failure',
     'Kerberos pre-authentication failed.\n\nAccount Information:\n\tAccount Name:\t\tbob'),
    (B(SEC, 4820), 'was denied because the device does not meet the access control restrictions',
     'msg:account-restriction',
     'A Kerberos Ticket-granting-ticket (TGT) was denied because the device does not meet the access control restrictions.'),
    # Failure reasons that 4625 prints (msobjs.dll message table, %%2304-%%2315)
    (OBJ(0x901), 'The specified user account has expired', 'msg:account-disabled',
     '\tFailure Reason:\t\tThe specified user account has expired.'),
    (OBJ(0x902), 'The NetLogon component is not active', 'msg:lsa-unreachable',
     '\tFailure Reason:\t\tThe NetLogon component is not active.'),
    (OBJ(0x903), 'Account locked out', 'msg:account-locked', '\tFailure Reason:\t\tAccount locked out.'),
    (OBJ(0x904), 'The user has not been granted the requested logon type at this machine', 'msg:account-restriction',
     '\tFailure Reason:\t\tThe user has not been granted the requested logon type at this machine.'),
    (OBJ(0x905), "The specified account's password has expired", 'msg:password-expired',
     "\tFailure Reason:\t\tThe specified account's password has expired."),
    (OBJ(0x906), 'Account currently disabled', 'msg:account-disabled',
     '\tFailure Reason:\t\tAccount currently disabled.'),
    (OBJ(0x907), 'Account logon time restriction violation', 'msg:account-restriction',
     '\tFailure Reason:\t\tAccount logon time restriction violation.'),
    (OBJ(0x908), 'User not allowed to logon at this computer', 'msg:account-restriction',
     '\tFailure Reason:\t\tUser not allowed to logon at this computer.'),
    (OBJ(0x909), 'Unknown user name or bad password', 'msg:logon-failure',
     '\tFailure Reason:\t\tUnknown user name or bad password.'),
    # NTSTATUS message texts (ntdll.dll message table), as FormatMessage and many logs print them
    (NT(0xC000005E), 'There are currently no logon servers available to service the logon request',
     'msg:lsa-unreachable', 'There are currently no logon servers available to service the logon request.'),
    (NT(0xC0000064), 'The specified account does not exist', 'msg:logon-failure',
     'The specified account does not exist.'),
    (NT(0xC000006D), 'The attempted logon is invalid. This is either due to a bad username or authentication information',
     'msg:logon-failure',
     'The attempted logon is invalid. This is either due to a bad username or authentication information.'),
    (NT(0xC000006E), 'but some user account restriction has prevented successful authentication',
     'msg:account-restriction',
     'Indicates a referenced user name and authentication information are valid, but some user account restriction has prevented successful authentication (such as time-of-day restrictions).'),
    (NT(0xC000006F), 'The user account has time restrictions and may not be logged onto at this time',
     'msg:account-restriction', 'The user account has time restrictions and may not be logged onto at this time.'),
    (NT(0xC0000070), 'may not be used to log on from the source workstation', 'msg:account-restriction',
     'The user account is restricted such that it may not be used to log on from the source workstation.'),
    (NT(0xC0000071), "The user account's password has expired", 'msg:password-expired',
     "The user account's password has expired."),
    (NT(0xC0000072), 'The referenced account is currently disabled and may not be logged on to',
     'msg:account-disabled', 'The referenced account is currently disabled and may not be logged on to.'),
    (NT(0xC0000133), 'is different than the time at the Backup Domain Controller or member server by too large an amount',
     'msg:time-skew',
     'The time at the Primary Domain Controller is different than the time at the Backup Domain Controller or member server by too large an amount.'),
    (NT(0xC000015B), 'A user has requested a type of logon (e.g., interactive or network) that has not been granted',
     'msg:account-restriction',
     'A user has requested a type of logon (e.g., interactive or network) that has not been granted.'),
    (NT(0xC000018C), 'the trust relationship between the primary domain and the trusted domain failed',
     'msg:lsa-unreachable',
     'The logon request failed because the trust relationship between the primary domain and the trusted domain failed.'),
    (NT(0xC0000192), 'An attempt was made to logon, but the netlogon service was not started', 'msg:lsa-unreachable',
     'An attempt was made to logon, but the netlogon service was not started.'),
    (NT(0xC0000193), "The user's account has expired", 'msg:account-disabled', "The user's account has expired."),
    (NT(0xC0000224), "The user's password must be changed before logging on the first time",
     'msg:must-change-password', "The user's password must be changed before logging on the first time."),
    (NT(0xC0000234), 'The user account has been automatically locked because too many invalid logon attempts',
     'msg:account-locked',
     'The user account has been automatically locked because too many invalid logon attempts or password change attempts have been requested.'),
    (NT(0xC0000413), 'is protected by an authentication firewall', 'msg:account-restriction',
     'Logon Failure: The machine you are logging onto is protected by an authentication firewall. The specified account is not allowed to authenticate to the machine.'),
    # TermDD (System log) 56 and 50: message texts in ntdll.dll's table (0xC00A0038, 0xC00A0032)
    (NT(0xC00A0038), 'The Terminal Server security layer detected an error in the protocol stream', 'msg:ssl-error',
     'The Terminal Server security layer detected an error in the protocol stream and has disconnected the client. Client IP: 10.0.0.9.'),
    (NT(0xC00A0032), 'detected an error in the protocol stream and has disconnected the client', 'msg:protocol-error',
     'The RDP protocol component X.224 detected an error in the protocol stream and has disconnected the client.'),
]


def main():
    check_only = '--check' in sys.argv
    doc = json.load(open(OUT, encoding='utf-8'))
    have = {(s['text'].lower(), s['locale'], s['yields']) for s in doc['signatures']}
    # A text another file already has (same locale and yield) is not repeated here.
    here = os.path.dirname(OUT)
    for name in sorted(os.listdir(here)):
        if name.endswith('.json') and name != os.path.basename(OUT):
            for s in json.load(open(os.path.join(here, name), encoding='utf-8'))['signatures']:
                have.add((s['text'].lower(), s['locale'], s['yields']))
    added = 0
    for where, text, yields, example in PICKS:
        row, cite = source_of(where)
        if text not in row:
            raise SystemExit('not verbatim in %s: %r\n  row: %r' % (cite, text, row[:300]))
        if text.lower() not in example.lower():
            raise SystemExit('example lacks the text: %r' % text)
        key = (text.lower(), 'en', yields)
        if key in have:
            continue
        have.add(key)
        doc['signatures'].append({'text': text, 'yields': yields, 'locale': 'en',
                                  'source': cite, 'example': example})
        added += 1
    print('picks', len(PICKS), 'added', added, 'total', len(doc['signatures']))
    if check_only:
        return
    with open(OUT, 'w', encoding='utf-8') as fh:
        fh.write('{\n  "about": %s,\n  "product": %s,\n  "signatures": [\n' % (
            json.dumps(doc['about'], ensure_ascii=False), json.dumps(doc['product'])))
        fh.write(',\n'.join('    ' + json.dumps(s, ensure_ascii=False) for s in doc['signatures']))
        fh.write('\n  ]\n}\n')


if __name__ == '__main__':
    main()
