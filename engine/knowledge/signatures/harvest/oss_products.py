"""Issue #13 part 2: open-source RDP products' error surfaces (xrdp, FreeRDP 1/2/3, Remmina old and
new wording, rdesktop, mRemoteNG, Devolutions Gateway, IronRDP, guacd). Each entry names the file
and the ref it was read from; the script checks the text is in that file verbatim, finds its line
and appends what is new to the signature files (python3 oss_products.py, mirrors under
/work/.mirror/<owner>+<repo>/repo). Texts stop before placeholders (%s, {0}, “%s”)."""
import json, os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__)); OUT = os.path.join(HERE, '..')
MIRROR = '/work/.mirror'
def git(repo, *a):
    return subprocess.run(['git', '-C', f'{MIRROR}/{repo.replace("/", "+")}/repo', *a], capture_output=True, text=True, check=True).stdout
_commit = {}
def commit(repo, ref):
    k = (repo, ref)
    if k not in _commit: _commit[k] = git(repo, 'rev-parse', ref + '^{commit}').strip()
    return _commit[k]
_files = {}
def locate(repo, ref, path, text):
    k = (repo, ref, path)
    if k not in _files: _files[k] = git(repo, 'show', f'{ref}:{path}').split('\n')
    for i, line in enumerate(_files[k]):
        if text in line: return i + 1
    sys.exit(f'not found verbatim: {repo}@{ref} {path}: {text!r}')

XR, FR, RM, RD, MR, DG, IR, GU = ('neutrinolabs/xrdp', 'FreeRDP/FreeRDP', 'FreeRDP/Remmina', 'rdesktop/rdesktop',
                                  'mRemoteNG/mRemoteNG', 'Devolutions/devolutions-gateway', 'Devolutions/IronRDP', 'apache/guacamole-server')
E = []  # (file, repo, ref, path, text, yields, example)
def add(f, repo, ref, path, text, y, ex): E.append((f, repo, ref, path, text, y, ex))

# ---- xrdp (HEAD = 514c62c7) ----
x = lambda p, t, y, ex: add('xrdp', XR, 'HEAD', p, t, y, ex)
x('waitforx/waitforx.c', 'Timed out waiting for RandR outputs', 'msg:xrdp-session-failed', '[20240101-10:00:00] [ERROR] waitforx: Timed out waiting for RandR outputs')
x('waitforx/waitforx.c', 'Unable to find any RandR outputs', 'msg:xrdp-session-failed', '[ERROR] waitforx: Unable to find any RandR outputs')
x('sesman/sesexec/session.c', 'Timed out waiting for X server', 'msg:xrdp-session-failed', '[ERROR] Timed out waiting for X server')
x('sesman/sesexec/session.c', 'X server failed to start', 'msg:xrdp-session-failed', '[ERROR] X server failed to start')
x('sesman/sesexec/xwait.c', 'Unable to launch waitforx', 'msg:xrdp-session-failed', '[ERROR] Unable to launch waitforx')
x('sesman/sesexec/xauth.c', 'An error occurred while running xauth', 'msg:xrdp-session-failed', '[ERROR] An error occurred while running xauth')
x('sesman/sesexec/xauth.c', 'Unable to launch xauth', 'msg:xrdp-session-failed', '[ERROR] Unable to launch xauth')
x('sesman/libsesman/verify_user_pam.c', 'pam_authenticate failed', 'msg:logon-failure', '[ERROR] pam_authenticate failed: Authentication failure')
x('sesman/libsesman/verify_user_pam.c', 'pam_acct_mgmt failed', 'msg:account-restriction', '[ERROR] pam_acct_mgmt failed: Authentication token is no longer valid; new one required')
x('sesman/libsesman/verify_user_pam.c', 'pam_open_session failed', 'msg:xrdp-session-failed', '[ERROR] pam_open_session failed: System error')
x('sesman/libsesman/verify_user_pam.c', 'pam_setcred failed', 'msg:xrdp-session-failed', '[ERROR] pam_setcred failed: Failure setting user credentials')
x('sesman/libsesman/verify_user_pam.c', 'pam_start failed', 'msg:xrdp-session-failed', '[ERROR] pam_start failed: Critical error - immediate abort')
x('sesman/libsesman/sesman_access.c', 'group %s. Access denied', None, None)  # placeholder check only (not added)
x('sesman/sesexec/login_info.c', 'by your system admin', 'msg:not-authorized', '[ERROR] Access denied for user bob by your system admin')
x('sesman/sesexec/login_info.c', 'Username okay but group problem for', 'msg:not-authorized', '[INFO ] Username okay but group problem for user: bob')
x('sesman/sesexec/login_info.c', "Can't authorize user", 'msg:not-authorized', "[ERROR] Can't authorize user bob over UDS")
x('sesman/scp_process.c', 'Connection is already logged in for', 'msg:xrdp-session-failed', '[ERROR] Connection is already logged in for bob')
x('libipm/scp_sync.c', 'sesman reported not-logged-in', 'msg:logon-failure', '[ERROR] sesman reported not-logged-in')
x('libxrdp/xrdp_iso.c', 'Server requires TLS for security', 'msg:security-layer', '[ERROR] Server requires TLS for security, but the client did not request TLS.')
x('libxrdp/xrdp_sec.c', 'client enable auto logon with credentials', 'msg:logon-failure', '[ERROR] Server is configured to require that the client enable auto logon with credentials, but the client did not request auto logon.')
x('libxrdp/xrdp_rdp.c', 'is not ', None, None)
x('common/ssl_calls.c', 'Unable to negotiate a TLS connection with the client', 'msg:ssl-error', '[ERROR] Unable to negotiate a TLS connection with the client')
x('common/ssl_calls.c', 'do not match', None, None)
x('common/ssl_calls.c', 'No SSL/TLS protocols enabled', 'msg:ssl-error', '[WARN ] No SSL/TLS protocols enabled. At least one protocol should be enabled to accept TLS connections.')
x('common/ssl_calls.c', 'Invalid TLS cipher options', 'msg:ssl-error', '[ERROR] Invalid TLS cipher options HIGH:!EXPORT')
x('common/trans.c', 'trans_set_tls_mode: ssl_tls_accept failed', 'msg:ssl-error', '[ERROR] trans_set_tls_mode: ssl_tls_accept failed')
x('common/ssl_calls.c', 'Unknown SSL error', 'msg:ssl-error', '[ERROR] SSL_accept: Unknown SSL error')
x('libxrdp/xrdp_sec.c', 'XRDP cannot read file', 'msg:server-key-unreadable', '[ERROR] XRDP cannot read file: /etc/xrdp/rsakeys.ini (check permissions)')
x('libxrdp/xrdp_mcs.c', 'MCS Connection Sequence] receive connection request failed', 'ctx:server:xrdp', '[ERROR] [MCS Connection Sequence] receive connection request failed')
x('libxrdp/xrdp_iso.c', 'Connection Sequence: CR-TPDU (Connection Request) failed', 'ctx:server:xrdp', '[ERROR] [ITU-T X.224] Connection Sequence: CR-TPDU (Connection Request) failed')
x('libxrdp/libxrdp.c', 'libxrdp_force_read: header read error', 'msg:connection-reset', '[ERROR] libxrdp_force_read: header read error')
x('libxrdp/libxrdp.c', 'xrdp_rdp_process_data failed', 'ctx:server:xrdp', '[ERROR] libxrdp_process_data: xrdp_rdp_process_data failed')
x('sesman/sesexec/session.c', 'Starting X server on display', 'ctx:server:xrdp', '[INFO ] Starting X server on display 10: /usr/lib/xorg/Xorg :10 -auth .Xauthority')
x('xrdp/xrdp_mm.c', 'Failure setting up module', 'msg:xrdp-session-failed', '[ERROR] Failure setting up module')
x('xrdp/xrdp_mm.c', 'problem loading lib in xrdp_mm_setup_mod1', 'msg:xrdp-session-failed', '[ERROR] problem loading lib in xrdp_mm_setup_mod1')
x('xrdp/xrdp_mm.c', 'xrdp_mm_connect_sm: state machine error', 'msg:xrdp-session-failed', '[ERROR] xrdp_mm_connect_sm: state machine error')
x('sesman/sesman.c', 'Failed to start xrdp-sesman daemon', 'msg:xrdp-sesman-unreachable', '[ERROR] Failed to start xrdp-sesman daemon, possibly address already in use.')

x('xrdp/xrdp_mm.c', 'Login retry limit reached', 'msg:logon-failure', '[ERROR] Login retry limit reached')
x('xrdp/xrdp_mm.c', 'Unexpected sesman failure - check sesman log', 'msg:xrdp-session-failed', 'Unexpected sesman failure - check sesman log')
x('vnc/vnc.c', 'VNC password failed', 'msg:xrdp-session-failed', 'VNC password failed')
x('vnc/vnc.c', 'VNC error - problem connecting', 'msg:xrdp-session-failed', 'VNC error - problem connecting')
x('vnc/vnc.c', 'VNC server closed connection', 'msg:xrdp-session-failed', '[ERROR] VNC server closed connection')
x('xup/xup.c', 'Xorg server closed connection', 'msg:xrdp-session-failed', '[ERROR] Xorg server closed connection')
x('xrdp/lang.c', 'Cannot find a usable keymap file', 'ctx:server:xrdp', '[ERROR] Cannot find a usable keymap file')
# xrdp 0.9 (tag v0.9.12): the login window's log lines and sesman 0.9 messages.
x9 = lambda p, t, y, ex: add('xrdp', XR, 'v0.9.12', p, t, y, ex)
x9('xrdp/xrdp_mm.c', 'login successful for display', 'ctx:server:xrdp', 'login successful for display 10')
x9('xrdp/xrdp_mm.c', 'sending login info to session manager, please wait...', 'ctx:server:xrdp', 'sending login info to session manager, please wait...')
x9('xrdp/xrdp_mm.c', 'connecting to sesman ip', 'ctx:server:xrdp', 'connecting to sesman ip 127.0.0.1 port 3350')
x9('xrdp/xrdp_mm.c', 'xrdp_mm_send_login failed', 'msg:xrdp-sesman-unreachable', 'xrdp_mm_send_login: xrdp_mm_send_login failed')
x9('sesman/session.c', 'X server -- no display in range is available', 'msg:xrdp-session-failed', '[ERROR] X server -- no display in range is available')
x9('sesman/session.c', 'max concurrent session limit', 'msg:connection-limit', '[INFO ] max concurrent session limit exceeded. login for user bob denied')
x9('sesman/session.c', 'another Xserver might', 'msg:xrdp-session-failed', '[ERROR] another Xserver might already be active on display 10 - see log')
x9('sesman/session.c', 'error starting X server', 'msg:xrdp-session-failed', '[CORE ] error starting X server - user bob - pid 1234')
x9('sesman/session.c', 'exit, cleaning up session', 'msg:xrdp-session-failed', '[CORE ] window manager (pid 1235) did exit, cleaning up session')
x9('sesman/access.c', 'ROOT login attempted, but root login is disabled', 'msg:not-authorized', '[WARN ] ROOT login attempted, but root login is disabled')
x9('sesman/access.c', 'Cannot read group info! - login denied', 'msg:not-authorized', '[ERROR] Cannot read group info! - login denied')

# xorgxrdp (HEAD = af43a8b3): the Xorg module's own log (~/.xorgxrdp.N.log)
add('xrdp', 'neutrinolabs/xorgxrdp', 'HEAD', 'module/rdpClientCon.c', 'rdpClientConInit: g_tcp_local_bind failed', 'msg:xrdp-session-failed', '[  1234.567] rdpClientConInit: g_tcp_local_bind failed at /var/run/xrdp/sockdir/xrdp_display_10:0')

# ---- FreeRDP 3 (HEAD), 2.11.8, 1.1.0-beta1 ----
f = lambda ref, p, t, y, ex: add('freerdp', FR, ref, p, t, y, ex)
f('1.1.0-beta1', 'libfreerdp/crypto/tls.c', ': I/O error', None, None)
f('HEAD', 'libfreerdp/core/connection.c', 'server supports only NLA Security', 'neg:0x5', '[ERROR][com.freerdp.core.connection] - server supports only NLA Security')
f('HEAD', 'libfreerdp/core/connection.c', 'server supports only a SSL based Security (TLS or NLA)', 'neg:0x1', '[ERROR][com.freerdp.core.connection] - server supports only a SSL based Security (TLS or NLA)')
f('HEAD', 'libfreerdp/core/connection.c', 'client does not support FIPS as required by server configuration', 'msg:security-layer', '[ERROR][com.freerdp.core.connection] - client does not support FIPS as required by server configuration')
f('HEAD', 'libfreerdp/core/connection.c', 'client does not support 128 bit encryption method as required by', 'msg:security-layer', 'client does not support 128 bit encryption method as required by server configuration')
f('HEAD', 'libfreerdp/core/nla.c', 'nla_client_authenticate failure', 'msg:auth-error', '[ERROR][com.freerdp.core.nla] - nla_client_authenticate failure')
f('HEAD', 'libfreerdp/core/nla.c', "Could not verify server's hash", 'msg:auth-error', "[ERROR][com.freerdp.core.nla] - Could not verify server's hash")
f('HEAD', 'libfreerdp/core/nla.c', 'unable to get smartcard certificate for logon', 'msg:auth-error', '[ERROR][com.freerdp.core.nla] - unable to get smartcard certificate for logon')
f('HEAD', 'client/common/client.c', 'Connection aborted: credentials do not work', 'msg:logon-failure', '[ERROR][com.freerdp.client.common] - Connection aborted: credentials do not work [ERRCONNECT_LOGON_FAILURE]')
f('HEAD', 'client/common/client.c', 'Automatic reconnection disabled, terminating. Try to connect again later', 'msg:network-lost', 'Automatic reconnection disabled, terminating. Try to connect again later')
f('HEAD', 'client/common/client.c', 'Maximum reconnect retries exceeded', 'msg:network-lost', '[ERROR][com.freerdp.client.common] - Maximum reconnect retries exceeded')
f('HEAD', 'libfreerdp/crypto/tls.c', 'configuration denies user to accept certificates', 'msg:cert-untrusted', '[ERROR][com.freerdp.crypto] - [tls_verify_certificate] configuration denies user to accept certificates')
f('HEAD', 'libfreerdp/crypto/tls.c', 'certificate denied by configuration', 'msg:cert-untrusted', '[ERROR][com.freerdp.crypto] - [tls_verify_certificate] certificate denied by configuration')
f('HEAD', 'libfreerdp/crypto/tls.c', 'failed to get the server TLS certificate', 'msg:ssl-error', '[ERROR][com.freerdp.crypto] - failed to get the server TLS certificate')
f('HEAD', 'libfreerdp/crypto/tls.c', 'tls_get_certificate failed to return the server certificate.', 'msg:ssl-error', 'tls_get_certificate failed to return the server certificate.')
f('HEAD', 'libfreerdp/crypto/tls.c', 'SSL_key_update failed at TLS data limit; cutting connection', 'msg:ssl-error', 'SSL_key_update failed at TLS data limit; cutting connection')
f('HEAD', 'libfreerdp/core/connection.c', 'Missing hostname, can not connect to', None, None)
f('HEAD', 'libfreerdp/core/gateway/http.c', 'Webserver gave Websocket Upgrade response but sanity check failed', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.http] - Webserver gave Websocket Upgrade response but sanity check failed')
f('HEAD', 'libfreerdp/core/tcp.c', 'failed with error', None, None)
f('2.11.8', 'libfreerdp/core/transport.c', 'returned a system error', 'msg:connection-reset', '[ERROR][com.freerdp.core.transport] - BIO_read returned a system error 104: Connection reset by peer')
f('2.11.8', 'libfreerdp/core/transport.c', 'returned an error', None, None)

f('2.11.8', 'libfreerdp/core/gateway/tsg.c', 'Ensure that the Gateway Connection Authorization Policy is correct', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.tsg] - Ensure that the Gateway Connection Authorization Policy is correct')
f('2.11.8', 'libfreerdp/core/gateway/tsg.c', 'TsProxyAuthorizeTunnel failure', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.tsg] - TsProxyAuthorizeTunnel failure')
f('2.11.8', 'libfreerdp/core/gateway/tsg.c', 'TsProxyCreateTunnel failure', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.tsg] - TsProxyCreateTunnel failure')
f('2.11.8', 'libfreerdp/core/gateway/tsg.c', 'TsProxyCreateChannel failure', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.tsg] - TsProxyCreateChannel failure')
f('2.11.8', 'libfreerdp/core/gateway/rdg.c', 'Tunnel authorization error', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.rdg] - Tunnel authorization error E_PROXY_NAP_ACCESSDENIED')
f('2.11.8', 'libfreerdp/core/gateway/rdg.c', 'Tunnel creation error', 'msg:gateway', '[ERROR][com.freerdp.core.gateway.rdg] - Tunnel creation error E_PROXY_INTERNALERROR')
f('2.11.8', 'libfreerdp/core/rdp.c', 'nla_recv_pdu() fail', 'msg:auth-error', '[ERROR][com.freerdp.core.rdp] - rdp_recv_callback: CONNECTION_STATE_NLA - nla_recv_pdu() fail')
f('2.11.8', 'libfreerdp/core/rdp.c', 'nego_recv() fail', 'msg:nego-failed', '[ERROR][com.freerdp.core.rdp] - rdp_recv_callback: CONNECTION_STATE_NEGO - nego_recv() fail')
f('2.11.8', 'libfreerdp/core/transport.c', 'NLA begin failed', 'msg:auth-error', '[ERROR][com.freerdp.core.transport] - NLA begin failed')
f('2.11.8', 'libfreerdp/core/nla.c', 'Could not verify public key echo', 'msg:auth-error', '[ERROR][com.freerdp.core.nla] - Could not verify public key echo SEC_E_MESSAGE_ALTERED [0x8009030F]')
f('2.11.8', 'libfreerdp/core/nla.c', 'Could not decrypt TSCredentials status', 'msg:auth-error', '[ERROR][com.freerdp.core.nla] - Could not decrypt TSCredentials status SEC_E_DECRYPT_FAILURE [0x80090330]')
f('HEAD', 'libfreerdp/core/aad.c', 'Unable to obtain access token', 'msg:entra-signin', '[ERROR][com.freerdp.core.aad] - Unable to obtain access token')
f('HEAD', 'libfreerdp/core/aad.c', 'Unable to obtain nonce', 'msg:entra-signin', '[ERROR][com.freerdp.core.aad] - Unable to obtain nonce')

f('HEAD', 'client/common/client.c', 'The above X.509 certificate could not be verified, possibly because you do not have', 'msg:cert-untrusted', 'The above X.509 certificate could not be verified, possibly because you do not have\nthe CA certificate in your certificate store, or the certificate has expired.')
f('HEAD', 'client/common/client.c', 'Do you trust the above certificate? (Y/T/N)', 'msg:cert-untrusted', 'Do you trust the above certificate? (Y/T/N) ')
f('HEAD', 'client/common/client.c', 'The above X.509 certificate does not match the certificate used for previous', 'msg:host-key-changed', 'The above X.509 certificate does not match the certificate used for previous connections.')
f('HEAD', 'client/common/client.c', 'This may indicate that the certificate has been tampered with.', 'msg:host-key-changed', 'This may indicate that the certificate has been tampered with.')
f('HEAD', 'client/common/client.c', 'All manually accepted certificates must be reconfirmed!', 'msg:host-key-changed', '\tAll manually accepted certificates must be reconfirmed!')

f('1.1.0-beta1', 'libfreerdp/core/transport.c', 'the NTLMSSP implementation may be to blame', 'msg:auth-error', 'Authentication failure, check credentials.\nIf credentials are valid, the NTLMSSP implementation may be to blame.')

# ---- Remmina: current wording (HEAD) and 1.2/1.3 wording ----
r = lambda ref, t, y, ex, p='plugins/rdp/rdp_plugin.c': add('remmina', RM, ref, p, t, y, ex)
r('HEAD', 'Could not authenticate using smartcard.', 'msg:auth-error', 'Could not authenticate using smartcard.')
r('HEAD', 'Could not find the address for the RDP server', 'net:dns-failed', 'Could not find the address for the RDP server “srv01”.')
r('HEAD', 'Could not start libfreerdp-gdi.', 'ctx:client:remmina', 'Could not start libfreerdp-gdi.')
r('HEAD', 'but your libfreerdp does not support H.264', 'ctx:client:remmina', 'You requested a H.264 GFX mode for the server “srv01”, but your libfreerdp does not support H.264. Please use a non-AVC colour depth setting.')
r('HEAD', 'access due to policy.', 'msg:gateway', 'The Remote Desktop Gateway “gw01” denied the user “CORP\\bob” access due to policy.')
r('HEAD', 'The certificate changed! Details:', 'msg:host-key-changed', 'The certificate changed! Details:\nOld fingerprint: ab:cd', 'src/remmina_protocol_widget.c')
r('HEAD', 'Accept changed certificate?', 'msg:host-key-changed', 'Accept changed certificate?', 'src/remmina_protocol_widget.c')
r('HEAD', 'Could not authenticate, attempting reconnection', 'msg:auth-error', 'Could not authenticate, attempting reconnection…', 'src/remmina_protocol_widget.c')
R12 = 'v1.2.0-rcgit.29'; R13 = 'v1.3.0'
r(R12, 'Unable to establish a connection to RDP server', 'msg:nego-failed', 'Unable to establish a connection to RDP server 10.0.0.5.')
r(R12, 'Unable to connect to RDP server', 'ctx:client:remmina', 'Unable to connect to RDP server 10.0.0.5')
r(R12, 'Authentication to RDP server', 'msg:auth-error', 'Authentication to RDP server 10.0.0.5 failed.')
r(R12, 'Check username, password and domain.', 'msg:logon-failure', 'Authentication to RDP server 10.0.0.5 failed.\nCheck username, password and domain.')
r(R12, 'Access to RDP server', 'ctx:client:remmina', 'Access to RDP server 10.0.0.5 failed.')
r(R12, 'Account is expired.', 'msg:account-disabled', 'Access to RDP server 10.0.0.5 failed.\nAccount is expired.')
r(R12, 'Account is disabled.', 'msg:account-disabled', 'Access to RDP server 10.0.0.5 failed.\nAccount is disabled.')
r(R12, 'Account has restrictions.', 'msg:account-restriction', 'Access to RDP server 10.0.0.5 failed.\nAccount has restrictions.')
r(R13, 'User has insufficient privileges.', 'msg:not-authorized', 'Access to RDP server 10.0.0.5 failed.\nUser has insufficient privileges.')
r(R13, 'User must change password before connecting.', 'msg:must-change-password', 'Access to RDP server 10.0.0.5 failed.\nUser must change password before connecting.')
r(R12, 'Unable to find the address of RDP server', 'net:dns-failed', 'Unable to find the address of RDP server srv01.')
r(R12, 'TLS connection failed. Check that client and server support a common TLS version.', 'msg:ssl-error', 'Error connecting to RDP server 10.0.0.5. TLS connection failed. Check that client and server support a common TLS version.')
r(R12, 'but your libfreerdp does not support H264', 'ctx:client:remmina', 'You requested an H264 GFX mode for server 10.0.0.5, but your libfreerdp does not support H264.')

# ---- rdesktop (HEAD = 4716f1e0): protocol errors and the disconnect (ERRINFO) texts ----
d = lambda p, t, y, ex: add('rdesktop', RD, 'HEAD', p, t, y, ex)
d('stream.h', 'unexpected stream overrun', 'msg:protocol-error', 'ERROR: rdp.c:140: rdp_recv(), unexpected stream overrun')
d('cssp.c', 'cssp_connect(), negotiation failed', 'msg:auth-error', 'ERROR: cssp_connect(), negotiation failed')
d('cssp.c', 'Failed to initialize NLA, do you have correct Kerberos TGT initialized ?', 'msg:auth-error', 'Failed to initialize NLA, do you have correct Kerberos TGT initialized ?')
d('iso.c', 'Protocol negotiation failed with reason', 'msg:nego-failed', 'Protocol negotiation failed with reason: SSL not allowed by server')
d('iso.c', 'Failed to connect using SSL, trying with plain RDP.', 'msg:security-layer', 'NOTICE: Failed to connect using SSL, trying with plain RDP.')
d('iso.c', 'Failed to connect using NLA, trying with SSL', 'msg:nego-failed', 'NOTICE: Failed to connect using NLA, trying with SSL')
d('iso.c', 'Connection established using plain RDP.', 'ctx:client:rdesktop', 'NOTICE: Connection established using plain RDP.')
d('licence.c', 'License error alert from server: No license server', 'msg:licensing', 'NOTICE: License error alert from server: No license server')
d('licence.c', 'License error alert from server: Invalid client', 'msg:licensing', 'NOTICE: License error alert from server: Invalid client')
d('tcp.c', 'gnutls_record_recv() failed with', 'msg:ssl-error', 'ERROR: tcp_recv(), gnutls_record_recv() failed with -110: The TLS connection was non-properly terminated.')
ERR = [('Administrator initiated disconnect', 'ext:0x1'), ('Administrator initiated logout', 'ext:0x2'),
       ('Server idle session time limit reached', 'ext:0x3'), ('Server active session time limit reached', 'ext:0x4'),
       ('The session was replaced', 'ext:0x5'), ('The server is out of memory', 'ext:0x6'),
       ('The server denied the connection for security reasons', 'ext:0x8'),
       ('Logout initiated by user', 'ext:0xc'), ('Internal licensing error', 'ext:0x100'), ('No license server available', 'ext:0x101'),
       ('No valid license available', 'ext:0x102'), ('Invalid licensing message from client', 'ext:0x103'),
       ('The client license has been modified and does no longer match the hardware ID', 'ext:0x104'),
       ('The client license is in an invalid format', 'ext:0x105'), ('Network error during licensing protocol', 'ext:0x106'),
       ('Licensing protocol was not completed', 'ext:0x107'), ('Incorrect client license encryption', 'ext:0x108'),
       ("Can't upgrade or renew license", 'ext:0x109'), ('The server is not licensed to accept remote connections', 'ext:0x10a'),
       ('The target endpoint chosen by the broker could not be found', 'ext:0x400'),
       ('The target endpoint is disconnecting from the broker', 'ext:0x402'), ('Error occurred while being redirected by broker', 'ext:0x404'),
       ('Error while the endpoint VM was being awakened by the broker', 'ext:0x405'), ('Error while the endpoint VM was being started by the broker', 'ext:0x406'),
       ('The IP address of the endpoint VM could not be determined by the broker', 'ext:0x407'),
       ('No available endpoints in the connection broker pool', 'ext:0x408'), ('Connection processing cancelled by the broker', 'ext:0x409'),
       ('The connection settings could not be validated by the broker', 'ext:0x410'),
       ('Timeout while the endpoint VM was being started by the broker', 'ext:0x411'),
       # 0x412's text ("Session monitoring error while the endpoint VM was being started by the
       # broker") holds 0x406's whole text, so it would report both: left out.
       ('The server can only host Remote Applications', 'ext:0x10f3'), ('Update of session keys failed', 'ext:0x1191'),
       ('Decryption or session key creation failed', 'ext:0x1192')]
for t, y in ERR: d('rdesktop.c', t, y, f'NOTICE: Connection closed: {t}')

# ---- mRemoteNG: 1.76 wording ("RDP disconnected!" + newline + decimal reason) and current resources ----
m = lambda ref, p, t, y, ex: add('mremoteng', MR, ref, p, t, y, ex)
m('v1.76Alpha6', 'mRemoteV1/Resources/Language/Language.resx', 'RDP Disconnect failed, trying to close!', 'ctx:client:mremoteng', 'RDP Disconnect failed, trying to close!')
m('HEAD', 'mRemoteNG/Language/Language.resx', "Couldn't create RDP control, please check mRemoteNG requirements.", 'ctx:client:mremoteng', "Couldn't create RDP control, please check mRemoteNG requirements.")
m('HEAD', 'mRemoteNG/Language/Language.resx', 'An unrecoverable error has occurred during client connection.', 'msg:internal-error', 'An unrecoverable error has occurred during client connection.')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'Winsock initialization error.', 'ctx:client:mremoteng', 'Winsock initialization error.')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'RDP SetAuthenticationLevel failed!', 'ctx:client:mremoteng', 'RDP SetAuthenticationLevel failed!')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'RDP SetCredentials failed!', 'ctx:client:mremoteng', 'RDP SetCredentials failed!')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'RDP SetRDGateway failed!', 'msg:gateway', 'RDP SetRDGateway failed!')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'RDP Gateway is not supported!', 'msg:gateway', 'RDP Gateway is not supported!')
m('HEAD', 'mRemoteNG/Language/Language.resx', 'Protocol Event Disconnected.', 'ctx:client:mremoteng', 'Protocol Event Disconnected. Host: "srv01"; Protocol: "RDP" Message: "..."')

# ---- Devolutions Gateway (HEAD = f618a283) and IronRDP (HEAD = 18e259cd) ----
g = lambda p, t, y, ex: add('ironrdp', DG, 'HEAD', 'devolutions-gateway/src/' + p, t, y, ex)
g('rd_clean_path.rs', 'Destination in RDCleanPath PDU does not match destination in token', 'msg:gateway-target-mismatch', 'WARN devolutions_gateway::rd_clean_path: Destination in RDCleanPath PDU does not match destination in token destination=tcp://10.0.0.5:3389')
g('rd_clean_path.rs', 'Invalid destination field in RDCleanPath PDU', 'msg:gateway-target-mismatch', 'Invalid destination field in RDCleanPath PDU')
g('rd_clean_path.rs', 'RDCleanPath PDU is missing the destination field', 'msg:gateway-target-mismatch', 'RDCleanPath PDU is missing the destination field')
g('rd_clean_path.rs', 'RDCleanPath authorization failed', 'ctx:client:web', 'RDCleanPath authorization failed')
g('rd_clean_path.rs', 'RDCleanPath connection failed', 'ctx:client:web', 'RDCleanPath connection failed: connect to RDP server')
g('rd_clean_path.rs', 'RDP session initiation failed with code', 'msg:nego-failed', 'RDP session initiation failed with code 5')
g('rd_clean_path.rs', 'TLS handshake with server', 'msg:ssl-error', 'TLS handshake with server srv01 (10.0.0.5:3389) failed')
g('rd_clean_path.rs', 'an error occurred when processing cleanpath PDU', 'ctx:client:web', 'ERROR devolutions_gateway::rd_clean_path: an error occurred when processing cleanpath PDU')
g('rd_clean_path.rs', 'connect to RDP server', None, None)
g('rdp_proxy.rs', 'TLS upgrade with server failed', 'msg:ssl-error', 'TLS upgrade with server failed')
g('rdp_proxy.rs', 'RDP-TLS traffic proxying failed', 'msg:connection-reset', 'RDP-TLS traffic proxying failed')
g('generic_client.rs', 'encountered a failure during RDP proxying (credential injection)', 'ctx:client:web', 'encountered a failure during RDP proxying (credential injection)')
add('ironrdp', DG, 'HEAD', 'README.md', 'Devolutions Gateway', 'ctx:client:web', 'The Devolutions Gateway web client fails to open the RDP session')
add('ironrdp', DG, 'HEAD', 'devolutions-gateway/Cargo.toml', 'devolutions-gateway', 'ctx:client:web', 'journalctl -u devolutions-gateway shows the error')
add('ironrdp', DG, 'HEAD', 'crates/devolutions-gateway-generators/src/lib.rs', 'devolutions_gateway', 'ctx:client:web', 'WARN devolutions_gateway::rd_clean_path: connection failed')
i = lambda p, t, y, ex: add('ironrdp', IR, 'HEAD', 'crates/' + p, t, y, ex)
i('ironrdp-connector/src/lib.rs', 'server requires Enhanced RDP Security with TLS or CredSSP', 'neg:0x1', 'negotiation failure: server requires Enhanced RDP Security with TLS or CredSSP')
i('ironrdp-connector/src/lib.rs', 'server only supports Standard RDP Security', 'neg:0x2', 'negotiation failure: server only supports Standard RDP Security')
i('ironrdp-connector/src/lib.rs', 'server lacks valid authentication certificate', 'neg:0x3', 'negotiation failure: server lacks valid authentication certificate')
i('ironrdp-connector/src/lib.rs', 'inconsistent security protocol flags', 'neg:0x4', 'negotiation failure: inconsistent security protocol flags')
i('ironrdp-connector/src/lib.rs', 'server requires Enhanced RDP Security with CredSSP', 'neg:0x5', 'negotiation failure: server requires Enhanced RDP Security with CredSSP')
i('ironrdp-connector/src/lib.rs', 'server requires Enhanced RDP Security with TLS and client certificate', 'neg:0x6', 'negotiation failure: server requires Enhanced RDP Security with TLS and client certificate')
i('ironrdp-client/src/rdp.rs', 'received RDCleanPath error', 'ctx:client:web', 'received RDCleanPath error')
i('ironrdp-client/src/rdp.rs', 'unable to extract tls server public key', 'msg:ssl-error', 'unable to extract tls server public key')

# ---- guacd (HEAD = 6719b20d) ----
q = lambda p, t, y, ex: add('guacamole', GU, 'HEAD', 'src/' + p, t, y, ex)
q('protocols/rdp/error.c', 'Credentials expired.', 'msg:password-expired', 'guacd[123]: INFO: RDP server closed/refused connection: Credentials expired.')
q('protocols/rdp/rdp.c', 'Internal RDP client disconnected', 'ctx:gateway:guacamole', 'guacd[123]: INFO: Internal RDP client disconnected')
q('protocols/rdp/rdp.c', 'Failed to send WOL packet, or connect to remote server.', 'msg:guac-upstream-error', 'guacd[123]: ERROR: Failed to send WOL packet, or connect to remote server.')
q('protocols/rdp/rdp.c', 'Certificate validation bypassed', 'ctx:gateway:guacamole', 'guacd[123]: INFO: Certificate validation bypassed')
q('protocols/rdp/settings.c', 'Security mode: Negotiate (ANY)', 'ctx:gateway:guacamole', 'guacd[123]: INFO: Security mode: Negotiate (ANY)')
q('protocols/rdp/settings.c', 'Security mode: NLA', 'ctx:gateway:guacamole', 'guacd[123]: INFO: Security mode: NLA')
q('guacd/daemon.c', 'Unable to bind socket to any addresses.', 'msg:guacd-setup', 'guacd[1]: ERROR: Unable to bind socket to any addresses.')
q('guacd/daemon.c', 'Could not listen on socket', 'msg:guacd-setup', 'guacd[1]: ERROR: Could not listen on socket: Address already in use')
q('protocols/rdp/client.c', 'but FreeRDP generally requires a writable', 'msg:guacd-setup', 'is not writable, but FreeRDP generally requires a writable home directory for storage of configuration files and certificates.')
q('guacd/daemon.c', 'Guacamole proxy daemon (guacd) version ', 'ctx:gateway:guacamole', 'guacd[1]: INFO: Guacamole proxy daemon (guacd) version 1.5.5 started')

# Texts followed directly by other output (rdesktop's hex dump runs into the message).
PREFIX = {'unexpected stream overrun', 'devolutions-gateway', 'devolutions_gateway'}
# Entries read through the public code index (no local mirror): text, yields, example, source.
MANUAL = [('rdp-negotiation', 'NODE_RDP_PROTOCOL_X224_NLA_NOT_SUPPORTED', 'msg:nla-required',
           'rdp-error NODE_RDP_PROTOCOL_X224_NLA_NOT_SUPPORTED',
           'Ylianst/MeshCentral@92fcb979a501 rdp/protocol/x224.js:231 (node-rdpjs as shipped in MeshCentral: the server selected NLA, which the web RDP client does not do)')]

# Composed lines: a format string filled in by its caller; the needle (the format) is checked
# verbatim and the source names the caller's argument.
C = []  # (file, repo, ref, path, needle, text, yields, example, note)
C.append(('freerdp', FR, '1.1.0-beta1', 'libfreerdp/crypto/tls.c', '"%s: I/O error', 'SSL_read: I/O error', 'msg:connection-reset',
          'connected to 10.1.1.198:3389\nPassword:\nSSL_read: I/O error', 'tls_print_error("SSL_read", ...) from tls_read'))
C.append(('freerdp', FR, '1.1.0-beta1', 'libfreerdp/crypto/tls.c', '"%s: I/O error', 'SSL_write: I/O error', 'msg:connection-reset',
          'SSL_write: I/O error', 'tls_print_error("SSL_write", ...) from tls_write'))
C.append(('freerdp', FR, '1.1.0-beta1', 'libfreerdp/crypto/tls.c', '"%s: I/O error', 'SSL_connect: I/O error', 'msg:ssl-error',
          'SSL_connect: I/O error', 'tls_print_error("SSL_connect", ...) from tls_connect'))
C.append(('freerdp', FR, '2.11.8', 'libfreerdp/core/transport.c', '"%s: ACCESS DENIED"', 'transport_ssl_cb: ACCESS DENIED', 'msg:auth-error',
          '[ERROR][com.freerdp.core.transport] - transport_ssl_cb: ACCESS DENIED', '__FUNCTION__ in transport_ssl_cb; FreeRDP then sets FREERDP_ERROR_AUTHENTICATION_FAILED'))
C.append(('xrdp', XR, 'HEAD', 'common/ssl_calls.c', '"%s: I/O error"', 'SSL_accept: I/O error', 'msg:ssl-error',
          '[ERROR] SSL_accept: I/O error', 'ssl_tls_log_error(self, "SSL_accept", ...) from ssl_tls_accept; xrdp writes SSL_read/SSL_write the same way'))
C.append(('guacamole', GU, 'HEAD', 'src/guacd/proc.c', '"Support for protocol \\"%s\\" is not installed"', 'Support for protocol "rdp" is not installed', 'msg:guacd-setup',
          'guacd[1234]: WARNING: Support for protocol "rdp" is not installed', 'protocol "rdp"'))
C.append(('guacamole', GU, 'HEAD', 'src/protocols/rdp/client.c', '"FreeRDP initialization "', 'FreeRDP initialization may fail', 'msg:guacd-setup',
          'guacd[1234]: WARNING: FreeRDP initialization may fail: The current user\'s home directory ("/usr/sbin") is not writable', 'string literals "FreeRDP initialization " "may fail: ..." joined'))

# Remmina 1.3.0's translations of its 1.2/1.3 messages (po/*.po at tag v1.3.0): for a two-line
# message the translated second line, else the longest part between the placeholders.
RM_OLD_TWO = {'Account is locked out.': 'msg:account-locked', 'Account is expired.': 'msg:account-disabled',
              'Password expired.': 'msg:password-expired', 'Account is disabled.': 'msg:account-disabled',
              'User has insufficient privileges.': 'msg:not-authorized', 'Account has restrictions.': 'msg:account-restriction',
              'User must change password before connecting.': 'msg:must-change-password',
              'Check username, password and domain.': 'msg:logon-failure'}
RM_OLD_ONE = {'Unable to establish a connection to RDP server %s.': 'msg:nego-failed',
              'Unable to find the address of RDP server %s.': 'net:dns-failed',
              'Error connecting to RDP server %s. TLS connection failed. Check that client and server support a common TLS version.': 'msg:ssl-error',
              # "Unable to connect to RDP server" is left out in every language: people write it in their own words.
              }
PO_LANGS = {'de', 'fr', 'es', 'it', 'pt_BR', 'pt', 'nl', 'pl', 'ru', 'ja', 'zh_CN', 'zh_TW', 'ko', 'tr', 'cs', 'sv', 'da', 'fi', 'hu',
            'uk', 'nb', 'ca', 'el', 'he', 'ro', 'sk', 'id', 'bg', 'hr', 'sl', 'lt', 'et', 'lv', 'eu', 'gl'}
def po_entries(text):
    import re
    lines = text.split('\n'); i = 0
    while i < len(lines):
        if lines[i].startswith('msgid '):
            mid = ''.join(re.findall(r'"(.*)"', lines[i])); j = i + 1
            while j < len(lines) and lines[j].startswith('"'): mid += ''.join(re.findall(r'^"(.*)"$', lines[j])); j += 1
            fuzzy = i > 0 and lines[i - 1].startswith('#,') and 'fuzzy' in lines[i - 1]
            if j < len(lines) and lines[j].startswith('msgstr '):
                ln = j + 1; ms = ''.join(re.findall(r'"(.*)"', lines[j])); j += 1
                while j < len(lines) and lines[j].startswith('"'): ms += ''.join(re.findall(r'^"(.*)"$', lines[j])); j += 1
                if not fuzzy: yield mid, ms, ln
            i = j
        else: i += 1
RM_NEW_ONE = {'The certificate changed! Details:': 'msg:host-key-changed', 'Accept changed certificate?': 'msg:host-key-changed',
              'Could not authenticate, attempting reconnection…': 'msg:auth-error'}
def remmina_old_translations(ref='v1.3.0', two=RM_OLD_TWO, one=RM_OLD_ONE):
    import re
    out = []
    for path in git(RM, 'ls-tree', '--name-only', ref, 'po/').split():
        lang = path[3:-3]
        if lang not in PO_LANGS: continue
        text = git(RM, 'show', f'{ref}:{path}')
        for mid, ms, ln in po_entries(text):
            if not ms: continue
            y = seg = None
            for k, yy in two.items():
                if mid.endswith('\\n' + k): y, seg = yy, ms.split('\\n')[-1]
            if mid in one: y, seg = one[mid], max(re.split(r'%s', ms), key=len).rstrip('!?:？！：… ')
            if not y or not seg or '%' in seg: continue
            seg = seg.replace('\\"', '"').strip().strip('.。:：„“”«»\u00a0\u200f ').strip()
            if len(seg) < 8 or seg.lower() == mid.lower() or seg.isascii() and seg.lower() in mid.lower(): continue
            if len(seg) > 90: seg = seg[:90].rsplit(' ', 1)[0]
            # Fragments too general to name the product or the failure on their own.
            if not seg[0].isalpha() or y.startswith('ctx:') and ('RDP' not in seg or len(seg) < 20): continue
            if seg in ('ile bağlantı kuramıyor', 'adresini bulamıyor', 'При з’єнанні з Windows RDP сервером',
                       'Pieņemt sertifikātu', 'Sprejmi potrdilo', 'Desexa aceptar o certificado'): continue  # too general, or 'accept the certificate' only
            ex = ms.replace('\\n', '\n').replace('%s', 'srv01')
            out.append(('remmina', seg, y, lang.replace('_', '-'), f'{RM}@{commit(RM, ref)[:12]} {path}:{ln} (' + (f'tag {ref}; ' if ref != 'HEAD' else '') + f'msgid {mid!r})', ex))
    return out

# mRemoteNG's languages: "RDP disconnected!" (1.76, a label its decimal reason follows on the next
# line), the fatal-error and disconnect-event texts (current resources).
def resx_value(text, name):
    import re, html
    m = re.search(r'<data name="%s"[^>]*>\s*<value>(.*?)</value>' % re.escape(name), text, re.S)
    if not m: return None, None
    return html.unescape(m.group(1)), text[:m.start(1)].count('\n') + 1
def mremoteng_translations():
    import re
    out = []
    for ref, folder, name, y, cut in [('v1.76Alpha6', 'mRemoteV1/Resources/Language/', 'strRdpDisconnected', 'label:disconnect', None),
                                      ('HEAD', 'mRemoteNG/Language/', 'RdpErrorConnection', 'msg:internal-error', None),
                                      ('HEAD', 'mRemoteNG/Language/', 'ProtocolEventDisconnected', 'ctx:client:mremoteng', '{')]:
        english, _ = resx_value(git(MR, 'show', f'{ref}:{folder}Language.resx'), name)
        for path in git(MR, 'ls-tree', '--name-only', ref, folder).split():
            if not path.endswith('.resx') or path.endswith('/Language.resx') or path.count('.') != 2: continue
            loc = path.split('.')[-2]
            if loc == 'en-US': continue
            v, ln = resx_value(git(MR, 'show', f'{ref}:{path}'), name)
            if not v: continue
            if v.strip() == english.strip(): continue  # not translated
            t = v.split('\n')[0].split(cut)[0] if cut else v
            if cut: t = re.split(r'(?<=[.。])', t)[0]
            t = t.strip().lstrip('¡').strip()
            if t.isascii() and t.lower() in english.lower(): continue  # the English text, untranslated
            if y == 'label:disconnect' and not t.endswith('!'): continue
            if y.startswith('ctx:') and len(t) < 12: continue
            if y == 'label:disconnect': ex = t + '\n2308 '
            else: ex = v.replace('{0}', '...').replace('{1}', 'srv01').replace('{2}', 'RDP')
            out.append(('mremoteng', t, y, loc, f'{MR}@{commit(MR, ref)[:12]} {path}:{ln}' + (f' (tag {ref}; {name})' if ref != 'HEAD' else f' ({name})'), ex))
    return out

def main():
    files = {}
    for name in sorted(os.listdir(OUT)):
        if name.endswith('.json'): files[name[:-5]] = json.load(open(os.path.join(OUT, name)))
    have = {(s['text'].lower(), s['locale']) for d in files.values() for s in d['signatures']}
    added = {}
    for fn, repo, ref, path, text, y, ex in E:
        line = locate(repo, ref, path, text)
        if y is None: continue
        if (text.lower(), 'en') in have: continue
        have.add((text.lower(), 'en'))
        c = commit(repo, ref)
        sig = {'text': text, 'yields': y, 'locale': 'en',
            'source': f'{repo}@{c[:12]} {path}:{line}' + (f' (tag {ref})' if ref != 'HEAD' else ''), 'example': ex}
        if text in PREFIX: sig['prefix'] = True
        files[fn]['signatures'].append(sig)
        added[fn] = added.get(fn, 0) + 1
    for fn, repo, ref, path, needle, text, y, ex, note in C:
        line = locate(repo, ref, path, needle)
        if (text.lower(), 'en') in have: continue
        have.add((text.lower(), 'en'))
        c = commit(repo, ref)
        files[fn]['signatures'].append({'text': text, 'yields': y, 'locale': 'en',
            'source': f'{repo}@{c[:12]} {path}:{line} (tag {ref}; {note})', 'example': ex})
        added[fn] = added.get(fn, 0) + 1
    for fn, text, y, loc, src, ex in remmina_old_translations() + remmina_old_translations('HEAD', {}, RM_NEW_ONE):
        if (text.lower(), loc) in have: continue
        have.add((text.lower(), loc))
        files[fn]['signatures'].append({'text': text, 'yields': y, 'locale': loc, 'source': src, 'example': ex})
        added[fn] = added.get(fn, 0) + 1
    for fn, text, y, loc, src, ex in mremoteng_translations():
        if (text.lower(), loc) in have: continue
        have.add((text.lower(), loc))
        files[fn]['signatures'].append({'text': text, 'yields': y, 'locale': loc, 'source': src, 'example': ex})
        added[fn] = added.get(fn, 0) + 1
    for fn, text, y, ex, src in MANUAL:
        if (text.lower(), 'en') in have: continue
        have.add((text.lower(), 'en'))
        files[fn]['signatures'].append({'text': text, 'yields': y, 'locale': 'en', 'source': src, 'example': ex})
        added[fn] = added.get(fn, 0) + 1
    for fn in added:
        doc = files[fn]
        with open(os.path.join(OUT, fn + '.json'), 'w') as fh:
            fh.write('{\n  "about": %s,\n  "product": %s,\n  "signatures": [\n' % (json.dumps(doc['about'], ensure_ascii=False), json.dumps(doc['product'])))
            fh.write(',\n'.join('    ' + json.dumps(s, ensure_ascii=False) for s in doc['signatures']))
            fh.write('\n  ]\n}\n')
    print(added)
if __name__ == '__main__': main()
