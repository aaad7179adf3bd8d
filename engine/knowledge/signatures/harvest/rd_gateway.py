"""RD Gateway, RD Web / RemoteApp and Desktop Connections harvester (issue #13 part 2): writes
rd-gateway.json from three kinds of source, each text checked verbatim where a mirror holds it:
  - the TS Gateway error names (E_PROXY_*) as FreeRDP defines and logs them (FreeRDP/FreeRDP
    mirror, libfreerdp/core/gateway/tsg.h and arm.c);
  - the RemoteApp and Desktop Connections (web feed) event texts, tsworkspace.dll's message table
    (libyal/winevt-kb message-file dump, newest version section);
  - RD Gateway server events (Microsoft-Windows-TerminalServices-Gateway) as Microsoft's event
    pages print them (TechNet/learn "RD Gateway Server Connections" pages; no mirror, so these
    are cited by URL and copied from the page text).
Usage: python3 rd_gateway.py [--check]"""
import json, os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from windows_events import source_of, norm  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'rd-gateway.json')
FRDP = '/work/.mirror/FreeRDP+FreeRDP/repo'
ABOUT = ('Microsoft RD Gateway and RD Web Access / RemoteApp and Desktop Connections: the gateway '
         'server\'s own events (Microsoft-Windows-TerminalServices-Gateway), the TS Gateway error '
         'names (E_PROXY_*) clients log, and the web feed (tsworkspace) event texts.')


def frdp(path, literal):
    head = subprocess.run(['git', '--git-dir=' + FRDP, 'rev-parse', 'HEAD'], capture_output=True,
                          text=True, check=True).stdout.strip()
    src = subprocess.run(['git', '--git-dir=' + FRDP, 'show', 'HEAD:' + path], capture_output=True,
                         text=True, check=True).stdout
    for i, line in enumerate(src.split('\n')):
        if literal in line:
            return 'FreeRDP/FreeRDP@%s %s:%d' % (head[:12], path, i + 1)
    raise SystemExit('not in %s: %r' % (path, literal))


TSG = 'libfreerdp/core/gateway/tsg.h'
TECHNET_CONN = 'http://technet.microsoft.com/en-us/library/ee891388(v=ws.10) (RD Gateway Server Connections, event %d)'
TECHNET_304 = 'https://technet.microsoft.com/en-us/library/cc727375(v=ws.10).aspx (Event ID 304, TS Gateway Server Connections)'
TECHNET_307 = 'https://docs.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee890851(v=ws.10) (Event ID 307)'
TECHNET_308 = 'https://technet.microsoft.com/zh-tw/library/ee891166(v=ws.10) (Event ID 308, English event details)'
TECHNET_309 = 'http://technet.microsoft.com/en-us/library/ee891329(v=ws.10).aspx (Event ID 309)'
TECHNET_AVAIL = 'https://learn.microsoft.com/zh-cn/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/ee890969(v=ws.10) (RD Gateway Server Availability, event 100, English message)'

E = lambda name, y, ex: ('frdp', TSG, name, y, ex)
PICKS = [
    E('E_PROXY_RAP_ACCESSDENIED', 'hresult:0x800759da', 'rpc_recv_fault_pdu: status: E_PROXY_RAP_ACCESSDENIED (0x800759DA)'),
    E('E_PROXY_NAP_ACCESSDENIED', 'hresult:0x800759db', '[ERROR][com.freerdp.core.gateway.tsg] - status: E_PROXY_NAP_ACCESSDENIED (0x800759DB)'),
    E('E_PROXY_TS_CONNECTFAILED', 'hresult:0x800759dd', 'rpc_recv_fault_pdu: status: E_PROXY_TS_CONNECTFAILED (0x800759DD)'),
    E('E_PROXY_QUARANTINE_ACCESSDENIED', 'hresult:0x800759ed', 'rdg: E_PROXY_QUARANTINE_ACCESSDENIED (0x800759ED)'),
    E('E_PROXY_NOCERTAVAILABLE', 'hresult:0x800759ee', 'rpc_recv_fault_pdu: status: E_PROXY_NOCERTAVAILABLE (0x800759EE)'),
    E('E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED', 'hresult:0x800759f8', 'status: E_PROXY_COOKIE_AUTHENTICATION_ACCESS_DENIED (0x800759F8)'),
    E('E_PROXY_UNSUPPORTED_AUTHENTICATION_METHOD', 'hresult:0x800759f9', 'status: E_PROXY_UNSUPPORTED_AUTHENTICATION_METHOD (0x800759F9)'),
    E('E_PROXY_CAPABILITYMISMATCH', 'hresult:0x800759e9', 'status: E_PROXY_CAPABILITYMISMATCH (0x800759E9)'),
    E('E_PROXY_MAXCONNECTIONSREACHED', 'msg:gateway', 'status: E_PROXY_MAXCONNECTIONSREACHED'),
    E('E_PROXY_INTERNALERROR', 'hresult:0x800759d8', 'status: E_PROXY_INTERNALERROR (0x800759D8)'),
    E('E_PROXY_REAUTH_AUTHN_FAILED', 'msg:gateway', 'status: E_PROXY_REAUTH_AUTHN_FAILED'),
    E('E_PROXY_REAUTH_CAP_FAILED', 'msg:gateway', 'status: E_PROXY_REAUTH_CAP_FAILED'),
    E('E_PROXY_REAUTH_RAP_FAILED', 'msg:gateway', 'status: E_PROXY_REAUTH_RAP_FAILED'),
    E('E_PROXY_REAUTH_NAP_FAILED', 'msg:gateway', 'status: E_PROXY_REAUTH_NAP_FAILED'),
    ('frdp', 'libfreerdp/core/gateway/arm.c', 'E_PROXY_ORCHESTRATION_LB_SESSIONHOST_DEALLOCATED',
     'msg:avd-host-unavailable',
     'gateway error: E_PROXY_ORCHESTRATION_LB_SESSIONHOST_DEALLOCATED'),
    # RemoteApp and Desktop Connections (tsworkspace.dll) web feed events
    (('mf', 'tsworkspace.dll', 0xB00003EA), 'Windows cannot find the remote computer that contains the connection',
     'msg:gateway', 'Windows cannot find the remote computer that contains the connection. Make sure that: You typed the correct connection URL'),
    (('mf', 'tsworkspace.dll', 0xB00003EC), 'The URL you typed does not have a connection', 'msg:gateway',
     'The URL you typed does not have a connection.'),
    (('mf', 'tsworkspace.dll', 0xB00003F2), 'There are currently no resources available in this connection',
     'msg:gateway', 'There are currently no resources available in this connection.'),
    (('mf', 'tsworkspace.dll', 0xB00003F4), "There is a problem with this connection's security certificate",
     'msg:cert-untrusted', "There is a problem with this connection's security certificate."),
    (('mf', 'tsworkspace.dll', 0xB00003FF), 'Connection discovery failed', 'msg:gateway',
     'Connection discovery failed.  Contact your workplace administrator for assistance.'),
    # RD Gateway server events (cited by URL: the page shows the template)
    (('url', TECHNET_CONN % 203, 203), 'The number of simultaneous connections to the RD Gateway server has reached the maximum number',
     'msg:gateway',
     'The number of simultaneous connections to the RD Gateway server has reached the maximum number that was configured by the administrator.'),
    (('url', TECHNET_304, 304), 'met connection authorization policy and resource authorization policy requirements, but could not connect to resource',
     'event:304',
     'The user "CONTOSO\\bob", on client computer "203.0.113.7", met connection authorization policy and resource authorization policy requirements, but could not connect to resource "server01". The following error occurred: "23003".'),
    (('url', TECHNET_307, 307), 'because the session exceeded the session timeout limit of', 'event:307',
     'The user "CONTOSO\\bob", on client computer "203.0.113.7", disconnected from the following network resource: "server01" because the session exceeded the session timeout limit of "60" minutes.'),
    (('url', TECHNET_308, 308), 'did not meet the requirements, so the connection was not authorized', 'msg:gateway',
     'met RD resource authorization policy (RD RAP) requirements but the network resource "server01" did not meet the requirements, so the connection was not authorized.'),
    (('url', TECHNET_309, 309), 'because of a failure during reauthentication/reauthorization', 'msg:gateway',
     'was disconnected from the following network resource: "server01" because of a failure during reauthentication/reauthorization.'),
    (('url', TECHNET_AVAIL, 100), 'The RD Gateway service could not be initialized', 'msg:gateway',
     'The RD Gateway service could not be initialized. The following error occurred: "0x80070005".'),
]


def main():
    sigs = []
    for p in PICKS:
        if p[0] == 'frdp':
            _, path, name, y, ex = p
            cite, text = frdp(path, name), name
        else:
            where, text, y, ex = p
            if where[0] == 'url':
                cite = where[1]
            else:
                row, cite = source_of(where)
                if text not in row:
                    raise SystemExit('not verbatim in %s: %r' % (cite, text))
        if text.lower() not in ex.lower():
            raise SystemExit('example lacks the text: %r' % text)
        sigs.append({'text': text, 'yields': y, 'locale': 'en', 'source': cite, 'example': ex})
    print('rd-gateway', len(sigs))
    if '--check' in sys.argv:
        return
    with open(OUT, 'w', encoding='utf-8') as fh:
        fh.write('{\n  "about": %s,\n  "product": "rd-gateway",\n  "signatures": [\n' % json.dumps(ABOUT))
        fh.write(',\n'.join('    ' + json.dumps(s, ensure_ascii=False) for s in sigs))
        fh.write('\n  ]\n}\n')


if __name__ == '__main__':
    main()
