"""Harvester: the product sources read for each signature file (FreeRDP tables and log lines, mstsc message table, xrdp, guacd and Guacamole translations, Remmina po files, IronRDP, JumpServer Lion, mRemoteNG resx, FreeRDP Android strings, context, AVD). Executed by build.py."""
# ---------------- 2. harvest from the products ----------------
codes_ext={e['name']:e['code'] for e in json.load(open(ENGINE+'/data/codes/extended.json'))['entries']}
codes_fr={e['name']:e['code'] for e in json.load(open(ENGINE+'/data/codes/freerdp.json'))['entries']}
GENERIC={'the connection failed','the connection was cancelled','a undefined connection error occurred','server denied connection',"the server denied the connection"}
def defines(r,path,prefix):
    txt=show(r,path); lines=txt.splitlines()
    i=0
    while i<len(lines):
        m=re.match(r'#define (%s\w+)_STRING\s*(.*)'%prefix,lines[i])
        if m:
            name=m.group(1); start=i+1; body=m.group(2)
            while body.rstrip().endswith('\\'):
                i+=1; body=body.rstrip()[:-1]+' '+lines[i]
            s=''.join(re.findall(r'"((?:[^"\\]|\\.)*)"',body))
            yield name,s,start
        i+=1
def first_clause(s):
    s=s.strip()
    s=re.split(r'\s*\(\[MS-',s)[0]  # stop before a spec reference
    s=s.split('\\n')[0]
    s=re.sub(r'^\([a-z]\)\s*','',s)
    s=re.split(r'\s*\(section',s)[0]
    s=re.split(r'(?<=[a-z])\.\s',s)[0]
    s=s.rstrip('.').strip()
    if len(s)>120: s=s[:120].rsplit(' ',1)[0]
    return s
for name,s,line in defines('freerdp','libfreerdp/core/errinfo.c','ERRINFO_'):
    code=codes_ext.get(name)
    t=first_clause(s)
    if not code or len(t)<24 or t.lower() in GENERIC: continue
    sig('freerdp',t,'ext:'+code.lower().replace('0x','0x'),'en',cite('freerdp','libfreerdp/core/errinfo.c',line),'[ERROR][com.freerdp.core] - '+s)
for name,s,line in defines('freerdp','libfreerdp/core/errconnect.c','ERRCONNECT_'):
    t=first_clause(s)
    if name not in codes_fr or len(t)<20 or t.lower() in GENERIC: continue
    sig('freerdp',t,'freerdp:'+name,'en',cite('freerdp','libfreerdp/core/errconnect.c',line),'[ERROR][com.freerdp.core] - '+s)
# FreeRDP log lines a failed connect prints (literal as written in the source).
FR=[
 ('Error: protocol security negotiation or connection failure','msg:nego-failed'),
 ('Host key verification failed','msg:host-key-changed'),
 ('IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!','msg:host-key-changed'),
 ('A valid certificate for the wrong name should NOT be trusted!','msg:cert-name-mismatch'),
 ('RDSTLS authentication failed','msg:auth-error'),

 ('No security protocol is enabled','msg:nego-failed'),
 ('Could not verify server\'s public key echo','msg:auth-error'),
 ('Error reading TSRequest!','msg:auth-error'),
 ('Failed to read server certificate','msg:ssl-error'),
 ('Missing server certificate','msg:ssl-error'),
 ('Someone could be eavesdropping on you right now (man-in-the-middle attack)!','msg:host-key-changed'),
 ('It is also possible that a host key has just been changed.','msg:host-key-changed'),
 ('Add correct host key in','msg:host-key-changed'),
 ('Handshake error','msg:ssl-error'),
]
for t,y in FR:
    t2=t.rstrip('.!') if not t.endswith('!') or 'NASTY' not in t else t
    sig('freerdp',t.rstrip('.'),y,'en',grep('freerdp',t,['libfreerdp']),'[12:00:01:234] [1:2] [ERROR][com.freerdp.core] - '+t)
# FreeRDP log format: the logger names imply the client.
for t,ex in [('com.freerdp.','[ERROR][com.freerdp.core.transport] - BIO_read returned an error'),('[com.freerdp','[ERROR][com.freerdp.core] - x')]:
    pass
sig('freerdp','com.freerdp.','ctx:client:freerdp','en',grep('freerdp','#define FREERDP_TAG(tag) "com.freerdp." tag',['include/freerdp/log.h']),'[08:11:02:412] [40122:40123] [ERROR][com.freerdp.core.transport] - BIO_read returned an error',prefix=True)
sig('freerdp','xfreerdp','ctx:client:freerdp','en',grep('freerdp','xfreerdp',['client/X11/CMakeLists.txt']),'$ xfreerdp /v:server /u:alice')
sig('freerdp','wlfreerdp','ctx:client:freerdp','en',grep('freerdp','wlfreerdp',['client/Wayland/CMakeLists.txt']),'running wlfreerdp /v:host')
sig('freerdp','sdl-freerdp','ctx:client:freerdp','en',grep('freerdp','sdl-freerdp',['client/SDL/CMakeLists.txt','client/SDL']),'sdl-freerdp /v:host fails')
sig('freerdp','freerdp','ctx:client:freerdp','en','https://www.freerdp.com/ (the product name)','I connect with FreeRDP 3 from Ubuntu')
sig('freerdp','xfreerdp3','ctx:client:freerdp','en',grep('freerdp','xfreerdp',['client/X11/CMakeLists.txt'])+' (FreeRDP 3 packages install it as xfreerdp3)','xfreerdp3 /v:host /u:bob')

# ---------- mstsc: the disconnect-reason message table (TechNet wiki 37870) ----------
disc_codes={int(e['code'],16) for e in json.load(open(ENGINE+'/data/codes/disconnect.json'))['entries']}
MSTSC_MAP={516:None,264:None,772:None,2308:None,1030:None,2056:'msg:licensing',2311:'msg:cert-untrusted',2312:'msg:licensing',2823:'msg:account-disabled',2825:'msg:nla-required',3079:'msg:account-restriction',3335:'msg:account-locked',3591:'msg:account-disabled',3593:'msg:credential-guard',3847:'msg:password-expired',3848:'msg:credential-guard',4103:'msg:account-restriction',4359:'msg:account-restriction',4615:'msg:must-change-password',4871:'msg:account-restriction',6919:'msg:cert-expired',7431:'msg:time-skew',
 50331649:'msg:logon-failure',50331650:'msg:cert-revocation',50331651:'msg:gateway',50331652:'msg:cert-revocation',50331653:'msg:gateway',50331654:'msg:gateway',50331655:'msg:gateway',50331657:'msg:gateway',50331658:'msg:gateway',50331660:'msg:gateway',50331661:'msg:gateway',50331663:'msg:gateway',50331669:'msg:logon-failure',50331671:'msg:ssl-error',50331672:'msg:gateway',50331673:'msg:gateway',50331674:'msg:logon-failure',50331675:'msg:gateway',50331676:'msg:gateway',50331679:'msg:gateway',50331681:'msg:password-expired',50331682:'msg:gateway',50331685:'msg:gateway',50331689:'msg:gateway',50331700:'msg:gateway',50331701:'msg:gateway',50331703:'msg:gateway',50331704:'msg:gateway',50331705:'msg:gateway',50331707:'msg:gateway',50331717:'msg:not-authorized',50331718:'msg:avd-host-unavailable',50331719:'msg:avd-host-unavailable',50331723:'msg:avd-host-unavailable',
 1800:'msg:console-session',2567:'msg:logon-failure',5127:'msg:auth-error',3590:'msg:security-layer',2822:'msg:protocol-error'}
PREFIXES=["This computer can't connect to the remote computer.","Your computer can't connect to the remote computer because","Your computer can't connect to the remote computer due to one of the following reasons:","Remote Desktop can't connect to the remote computer \"\" for one of these reasons:","Your Remote Desktop Services session has ended."]
xl=XPRA_TXT.splitlines()
for i,l in enumerate(xl,1):
    m=re.match(r'\s*(\d+)\s*:\s*"(.*)",\s*$',l)
    if not m: continue
    code=int(m.group(1)); msg=m.group(2).replace('""','"')
    raw=m.group(2).replace('\\"','"')
    msg_cut=raw.split('""')[0]
    y=MSTSC_MAP.get(code,'skip')
    if code in disc_codes: y='disc:0x%x'%code
    if y in (None,'skip'): continue
    t=msg_cut if len(msg_cut.strip())>=22 and '""' in raw else msg
    for p in PREFIXES:
        if t.startswith(p): t=t[len(p):].strip(); break
    segs=[x.strip() for x in re.split(r'\s{2,}|\d\)\s',t) if x.strip()]
    t=max(segs,key=len) if segs else t
    t=re.split(r'(?<=[a-z)])\.\s',t)[0].rstrip('.').strip()
    if ' . ' in t: t=t.split(' . ')[0]  # a stripped placeholder (the computer name)
    if len(t)>110: t=t[:110].rsplit(' ',1)[0]
    if len(t)<22: continue
    if '""' in t or '"' in t: t=t.split('"')[0].strip()
    if len(t)<22: continue
    sig('mstsc',t,y,'en','https://social.technet.microsoft.com/wiki/contents/articles/37870.remote-desktop-client-troubleshooting-disconnect-codes-and-reasons.aspx (mstsc disconnect message %d; verbatim copy: %s)'%(code,cite('xpra',XPRA_PATH,i)),'Remote Desktop Connection\n'+msg.replace('\\"','"'))

# ---------- xrdp ----------
XR=[('Can\'t connect to sesman','msg:xrdp-sesman-unreachable'),('Error connecting to sesman on','msg:xrdp-sesman-unreachable'),('Error sending login request to sesman','msg:xrdp-sesman-unreachable'),('Error waiting on sesman transport','msg:xrdp-sesman-unreachable'),
 ('User does not exist, or could not be authenticated','msg:logon-failure'),('User is not authorized','msg:not-authorized'),('General login error','msg:logon-failure'),
 ('Max session limit reached','msg:connection-limit'),('No X displays are available','msg:xrdp-session-failed'),('X server could not be started','msg:xrdp-session-failed'),('General session creation error','msg:xrdp-session-failed'),
 ('A fatal error has occurred attempting to start ','msg:xrdp-session-failed'),('An error occurred waiting for the X server','msg:xrdp-session-failed'),('Did not find a running X server at','msg:xrdp-session-failed'),
 ('Can\'t start PAM session','msg:xrdp-session-failed'),('Error connecting to user session','msg:xrdp-session-failed'),('Can\'t create session for user','msg:xrdp-session-failed'),
 ('Access denied for user','msg:not-authorized'),('AUTHFAIL: user=','msg:logon-failure'),
 ('Cannot read certificate file','msg:server-key-unreadable'),('Error loading TLS private key from','msg:server-key-unreadable'),('Error loading TLS certificate chain from','msg:server-key-unreadable'),('Cannot accept TLS connections because','msg:server-key-unreadable'),
 ('Server closed TLS connection','msg:ssl-error'),('Failure in SSL library','msg:ssl-error'),
 ('Window manager (pid','msg:xrdp-session-failed'),
 ('xrdp-sesman','ctx:server:xrdp'),('xrdp-chansrv','ctx:server:xrdp'),('xrdp_mm','ctx:server:xrdp'),('xrdp_wm','ctx:server:xrdp'),('xrdp.ini','ctx:server:xrdp'),('sesman.ini','ctx:server:xrdp'),('startwm.sh','ctx:server:xrdp'),('xorgxrdp','ctx:server:xrdp'),
]
for t,y in XR:
    try: src=grep('xrdp',t)
    except SystemExit:
        print('xrdp missing',t); continue
    tt=t.rstrip(' (').rstrip()
    ex='[20261120-07:00:02] [ERROR] '+t+(' x' if y.startswith('msg') else '')
    if y.startswith('ctx'): ex='Dec 4 08:00:01 host '+t+'[1234]: [INFO ] started'
    sig('xrdp',tt,y,'en',src,ex,prefix=tt.endswith('=') )
sig('xrdp','xrdp','ctx:server:xrdp','en',cite('xrdp','README.md',1)+' (the product name)','The server runs xrdp on Ubuntu 22.04')

# ---------- guacd ----------
GD=[('Security negotiation failed (wrong security type?)','msg:guac-security-negotiation'),('Access denied by server (account locked/disabled?)','msg:account-locked'),('Authentication failure (invalid credentials?)','msg:logon-failure'),
 ('SSL/TLS connection failed (untrusted/self-signed certificate?)','msg:cert-untrusted'),('DNS lookup failed (incorrect hostname?)','net:dns-failed'),('Server refused connection (wrong security type?)','msg:guac-security-negotiation'),
 ('Connection failed (server unreachable?)','msg:guac-upstream-error'),('Disconnected by other connection.','msg:another-user'),('Insufficient privileges.','msg:not-authorized'),
 ('Certificate validation failed','msg:cert-untrusted'),('RDP server closed/refused ','msg:guac-upstream-error'),('FreeRDP initialization failed before connecting','msg:guac-upstream-error'),('Idle session time limit exceeded.','ext:0x3'),('Active session time limit exceeded.','ext:0x4')]
for t,y in GD:
    src=grep('guacd',t,['src/protocols/rdp'])
    sig('guacamole',t.rstrip('. '),y,'en',src,'guacd[1234]: ERROR: '+t+' x')
sig('guacamole','guacd','ctx:gateway:guacamole','en',grep('guacd','guacd',['src/guacd/daemon.c']),'Dec 04 08:00:01 gw guacd[1412]: Creating new client for protocol "rdp"')
sig('guacamole','guacamole','ctx:gateway:guacamole','en','https://guacamole.apache.org/ (the product name)','We reach the server through Guacamole')
sig('guacamole','Upstream error','msg:guac-upstream-error','en',grep('lion','Upstream error.',['ui/src/utils/status.ts'])+' (guacd status text)','Guacamole: Upstream error.')
sig('guacamole','GUACAMOLE_UPSTREAM','msg:guac-upstream-error','en',grep('guacweb','UPSTREAM_ERROR',['guacamole-common']),'GuacamoleUpstreamException: GUACAMOLE_UPSTREAM_ERROR',prefix=True)
sig('guacamole','GuacamoleUpstream','msg:guac-upstream-error','en',grep('guacweb','class GuacamoleUpstream',['guacamole-common']),'org.apache.guacamole.GuacamoleUpstreamNotFoundException: x',prefix=True)
sig('guacamole','org.apache.guacamole','ctx:gateway:guacamole','en',grep('guacweb','package org.apache.guacamole',['guacamole-common']),'12:00 WARN o.a.g.tunnel - x at org.apache.guacamole.net.InetGuacamoleSocket',prefix=True)
# The web client's translated status messages.
GW={'CLIENT_202':'msg:guac-upstream-error','CLIENT_203':'msg:guac-upstream-error','CLIENT_207':'msg:guac-upstream-error','CLIENT_208':'msg:guac-upstream-error','CLIENT_209':'msg:another-user','CLIENT_301':'msg:logon-failure','CLIENT_303':'msg:not-authorized','CLIENT_308':'msg:network-lost','CLIENT_DEFAULT':'ctx:gateway:guacamole','TUNNEL_202':'msg:network-lost','TUNNEL_207':'ctx:gateway:guacamole','TUNNEL_208':'ctx:gateway:guacamole','CLIENT_201':'msg:connection-limit','TUNNEL_201':'msg:connection-limit','CLIENT_31D':'msg:connection-limit'}
TP='guacamole/src/main/frontend/src/translations/'
LOCALE={'zh':'zh-CN','no':'nb','pt':'pt-BR'}
def first_sentence(s):
    parts=re.split(r'(?<=[.!。])\s*',s.strip())
    t=parts[0].rstrip('.。!').strip()
    return t
for fn in subprocess.run(['git','--git-dir='+gd('guacweb'),'ls-tree','--name-only','HEAD',TP],capture_output=True,text=True).stdout.split():
    lang=fn.rsplit('/',1)[1][:-5]
    txt=show('guacweb',fn); lines=txt.splitlines()
    for i,l in enumerate(lines,1):
        m=re.match(r'\s*"ERROR_(CLIENT|TUNNEL)_([0-9A-Z]+)"\s*:\s*"(.*)",?\s*$',l)
        if not m: continue
        k=m.group(1)+'_'+m.group(2); y=GW.get(k)
        if not y: continue
        full=m.group(3)
        t=first_sentence(full)
        if len(t)>100: t=t[:100].rsplit(' ',1)[0] if ' ' in t[:100] else t[:60]
        t=t.lstrip('«"\'¡¿ ')
        if len(t)<12: continue
        sig('guacamole',t,y,LOCALE.get(lang,lang),cite('guacweb',fn,i),full.replace('\\"','"'))

# ---------- Remmina (English and every shipped language) ----------
RM={'Account locked out.':'msg:account-locked','Account expired.':'msg:account-disabled','Password expired.':'msg:password-expired','Account disabled.':'msg:account-disabled','Insufficient user privileges.':'msg:not-authorized','Account restricted.':'msg:account-restriction','Change user password before connecting.':'msg:must-change-password'}
RM_SINGLE={'Could not connect to the RDP server “%s” via TLS. See the DEBUG traces from a terminal for more information.':'msg:ssl-error','Unable to establish a connection to the RDP server “%s”. Check “Security protocol negotiation”.':'msg:nego-failed','Could not find the address for the RDP server “%s”.':'net:dns-failed','The “%s” server refused the connection.':'net:tcp-failed','Failed to connect to the RDP server “%s”.':'net:tcp-failed'}
RMGW='The Remote Desktop Gateway “%s” denied the user “%s\\\\%s” access due to policy.'
src_rdp=show('remmina','plugins/rdp/rdp_plugin.c').splitlines()
def rline(s):
    for i,l in enumerate(src_rdp,1):
        if s in l: return cite('remmina','plugins/rdp/rdp_plugin.c',i)
    return None
for k,y in RM.items():
    sig('remmina','Could not access the RDP server','ctx:client:remmina','en',rline('Could not access the RDP server'),'Could not access the RDP server “srv”.\n'+k)
    sig('remmina',k.rstrip('.'),y,'en',rline(k),'Could not access the RDP server “srv”.\n'+k)
for k,y in RM_SINGLE.items():
    t=max(re.split(r'“%s”|%s',k),key=len).strip().rstrip('.')
    sig('remmina',t,y,'en',rline(k.split('“')[0]),k.replace('%s','srv'))
sig('remmina','Remmina','ctx:client:remmina','en','https://remmina.org/ (the product name)','Connecting with Remmina 1.4 on Fedora')
sig('remmina','remmina_rdp','ctx:client:remmina','en',grep('remmina','remmina_rdp_',['plugins/rdp/rdp_plugin.c']),'(remmina:1234): remmina-WARNING: remmina_rdp_event_connected failed',prefix=True)
def po_entries(path):
    txt=show('remmina',path); lines=txt.splitlines(); i=0
    while i<len(lines):
        if lines[i].startswith('msgid '):
            mid=''.join(re.findall(r'"(.*)"',lines[i])); j=i+1
            while j<len(lines) and lines[j].startswith('"'): mid+=''.join(re.findall(r'^"(.*)"$',lines[j])); j+=1
            if j<len(lines) and lines[j].startswith('msgstr '):
                ms_line=j+1; ms=''.join(re.findall(r'"(.*)"',lines[j])); j+=1
                while j<len(lines) and lines[j].startswith('"'): ms+=''.join(re.findall(r'^"(.*)"$',lines[j])); j+=1
                yield mid,ms,ms_line
            i=j
        else: i+=1
PO_LANG_OK={'de','fr','es','it','pt_BR','pt','nl','pl','ru','ja','zh_CN','zh_TW','ko','tr','cs','sv','da','fi','hu','uk','nb','ca','el','he','ro','sk','id','vi','bg','hr','sl','lt','et','lv','eu','gl','fa'}
for fn in subprocess.run(['git','--git-dir='+gd('remmina'),'ls-tree','--name-only','HEAD','po/'],capture_output=True,text=True).stdout.split():
    lang=fn[3:-3]
    if lang not in PO_LANG_OK: continue
    for mid,ms,ln in po_entries(fn):
        if not ms or '#, fuzzy' in ms: continue
        y=None; seg=None
        for k,yy in RM.items():
            if mid.endswith('\\n'+k):
                y=yy; seg=ms.split('\\n')[-1]
        if mid in RM_SINGLE:
            y=RM_SINGLE[mid]; seg=max(re.split(r'“%s”|"%s"|«\s*%s\s*»|„%s“|「%s」|“%s”|%s',ms),key=len)
        if not y or not seg or '%' in seg: continue
        seg=seg.replace('\\"','"')
        if '"' in seg: seg=max(seg.split('"'),key=len)
        seg=seg.strip().strip('.。:：„“”«»\u00a0\u200f ').strip()
        seg=seg.lstrip('«"\'¡¿ ')
        if len(seg)<8 or seg.lower()==mid.lower(): continue
        if mid in RM_SINGLE and (len(seg)<14 or seg.startswith(('に','を','の','へ'))): continue
        if len(seg)>90: seg=seg[:90].rsplit(' ',1)[0]
        loc=lang.replace('_','-')
        sig('remmina',seg,y,loc,cite('remmina',fn,ln),ms.replace('\\n','\n').replace('%s','srv'))
# ---------- IronRDP ----------
for t,y,path in [('Received connection failure code','msg:nego-failed','crates/ironrdp-connector/src/connection.rs'),("can't satisfy server security settings",'msg:nego-failed','crates/ironrdp-connector/src/connection.rs'),('peer certificate is missing','msg:ssl-error','crates/ironrdp-tls/src/rustls.rs')]:
    sig('ironrdp',t,y,'en',grep('ironrdp',t,[path]),'2026-12-04T08:00:01Z ERROR ironrdp_connector: '+t)
sig('ironrdp','ironrdp','ctx:client:ironrdp','en',grep('ironrdp','name = "ironrdp"',['crates/ironrdp/Cargo.toml']),'ERROR ironrdp_client::rdp: connection failed',prefix=True)
sig('ironrdp','iron-remote-desktop','ctx:client:ironrdp','en',grep('ironrdp','iron-remote-desktop',['crates/iron-remote-desktop/Cargo.toml']),'iron-remote-desktop: session ended')
# ---------- JumpServer Lion ----------
for t,y in [('Connect guacamole server failed','ctx:gateway:guacamole'),('Gateway not available','msg:guac-upstream-error')]:
    sig('jumpserver',t,y,'en',grep('lion',t,['pkg/tunnel/ws_error.go']),'JumpServer: '+t)
sig('jumpserver','jumpserver','ctx:client:web','en','https://github.com/jumpserver/jumpserver (the product name)','We open the desktop from the JumpServer web terminal')
# ---------- mRemoteNG (every shipped language) ----------
for fn in subprocess.run(['git','--git-dir='+gd('mrng'),'ls-tree','--name-only','HEAD','mRemoteNG/Language/'],capture_output=True,text=True).stdout.split():
    if not fn.endswith('.resx'): continue
    lang=fn.split('Language.')[1][:-5] if fn.count('.')>1 else 'en'
    if lang=='resx': lang='en'
    lines=show('mrng',fn).splitlines()
    for i,l in enumerate(lines):
        if '<data name="ConnectionEventErrorOccured"' in l and i+1<len(lines):
            v=re.sub(r'.*<value>','',lines[i+1]); v=re.sub(r'</value>.*','',v)
            t=re.split(r'[.。:：;]',v)[0].strip()
            if len(t)<8: continue
            sig('mremoteng',t,'ctx:client:mremoteng',lang if lang!='resx' else 'en',cite('mrng',fn,i+2),v.replace('{1}','srv').replace('{2}','2825').replace('{0}','x'))
sig('mremoteng','mRemoteNG','ctx:client:mremoteng','en','https://mremoteng.org/ (the product name)','Connecting from mRemoteNG 1.77 fails')
# ---------- context: products, clouds, VPNs, what changed ----------
C=[
 ('mstsc','ctx:client:mstsc','https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/mstsc','I start mstsc /v:server'),
 ('mstsc.exe','ctx:client:mstsc','https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/mstsc','Faulting application name: mstsc.exe'),
 ('Remote Desktop Connection','ctx:client:mstsc','https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/mstsc','Remote Desktop Connection shows an error'),
 ('Remotedesktopverbindung','ctx:client:mstsc','https://learn.microsoft.com/de-de/windows-server/administration/windows-commands/mstsc','Die Remotedesktopverbindung bricht ab'),
 ('Connexion Bureau à distance','ctx:client:mstsc','https://learn.microsoft.com/fr-fr/windows-server/administration/windows-commands/mstsc','Connexion Bureau à distance affiche une erreur'),
 ('Conexión a Escritorio remoto','ctx:client:mstsc','https://learn.microsoft.com/es-es/windows-server/administration/windows-commands/mstsc','Conexión a Escritorio remoto muestra un error'),
 ('ClientActiveXCore','ctx:client:mstsc','https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/log-files-to-troubleshoot-rds-issues (Microsoft-Windows-TerminalServices-ClientActiveXCore)','Microsoft-Windows-TerminalServices-ClientActiveXCore/Microsoft-Windows-TerminalServices-RDPClient/Operational'),
 ('Windows App','ctx:client:windows-app','https://learn.microsoft.com/en-us/windows-app/overview','I connect with the Windows App on my Mac'),
 ('Microsoft Remote Desktop','ctx:client:windows-app','https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/clients/remote-desktop-clients','Microsoft Remote Desktop on the iPad says'),
 ('msrdc','ctx:client:windows-app','https://learn.microsoft.com/en-us/azure/virtual-desktop/users/connect-windows (msrdc.exe, the Remote Desktop client for Windows)','msrdc.exe crashed'),
 ('Remote Desktop client for Windows','ctx:client:windows-app','https://learn.microsoft.com/en-us/azure/virtual-desktop/users/connect-windows','Using the Remote Desktop client for Windows'),
 ('rdesktop','ctx:client:rdesktop','https://github.com/rdesktop/rdesktop','rdesktop -u bob server'),
 ('Royal TS','ctx:client:royal','https://www.royalapps.com/ts/','Royal TS shows'),
 ('Royal TSX','ctx:client:royal','https://www.royalapps.com/ts/','Royal TSX on macOS shows'),
 ('Devolutions Remote Desktop Manager','ctx:client:ironrdp','https://devolutions.net/remote-desktop-manager/','Devolutions Remote Desktop Manager fails'),
 ('Teleport','ctx:gateway:teleport','https://goteleport.com/docs/enroll-resources/desktop-access/','Through Teleport desktop access'),
 ('windows_desktop_service','ctx:gateway:teleport','https://goteleport.com/docs/reference/agent-services/desktop-access-reference/configuration/ (windows_desktop_service)','windows_desktop_service:\n  enabled: yes'),
 ('MeshCentral','ctx:client:web','https://meshcentral.com/','opened via MeshCentral'),
 ('RD Gateway','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/remote-desktop-gateway-role','our RD Gateway is 2019'),
 ('Remote Desktop Gateway','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/remote-desktop-gateway-role','through the Remote Desktop Gateway'),
 ('TSGateway','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/windows/win32/termserv/tsgateway (TSGateway WMI classes)','Microsoft-Windows-TerminalServices-Gateway: TSGateway'),
 ('TerminalServices-Gateway','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rd-gateway-event-ids (Microsoft-Windows-TerminalServices-Gateway/Operational)','Microsoft-Windows-TerminalServices-Gateway/Operational'),
 ('RD Web','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/rds-web-client','we use RD Web'),
 ('RDWeb','ctx:gateway:rd-gateway','https://learn.microsoft.com/en-us/windows-server/remote/remote-desktop-services/rds-web-client','https://gw.example.com/RDWeb/webclient'),
 ('Windows 11 Pro','ctx:server:windows-client-os','https://www.microsoft.com/windows/windows-11 (edition name)','the target is a Windows 11 Pro desktop'),
 ('Windows 10 Pro','ctx:server:windows-client-os','https://www.microsoft.com/windows (edition name)','the host runs Windows 10 Pro'),
 ('Windows 11 Home','ctx:server:windows-client-os','https://support.microsoft.com/windows/how-to-use-remote-desktop-5fe128d5-8fb1-7a23-3b8a-41e636865e8c (Home cannot host)','the target PC is Windows 11 Home'),
 ('Windows 10 Home','ctx:server:windows-client-os','https://support.microsoft.com/windows/how-to-use-remote-desktop-5fe128d5-8fb1-7a23-3b8a-41e636865e8c (Home cannot host)','the target PC is Windows 10 Home'),
 ('Windows Server 2022','ctx:server:windows-server','https://learn.microsoft.com/en-us/windows-server/get-started/whats-new-windows-server-2022','the server is Windows Server 2022'),
 ('Windows Server 2019','ctx:server:windows-server','https://learn.microsoft.com/en-us/windows-server/get-started/whats-new-in-windows-server-2019','the server is Windows Server 2019'),
 ('Windows Server 2016','ctx:server:windows-server','https://learn.microsoft.com/en-us/windows-server/get-started/whats-new-in-windows-server-2016','the server is Windows Server 2016'),
 ('Windows Server 2025','ctx:server:windows-server','https://learn.microsoft.com/en-us/windows-server/get-started/whats-new-windows-server-2025','the server is Windows Server 2025'),
 ('Server 2012 R2','ctx:server:windows-server','https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2012-r2','an old Server 2012 R2 box'),
 ('Windows Server 2008','ctx:server:old-windows','https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2008','a Windows Server 2008 R2 host'),
 ('Server 2003','ctx:server:old-windows','https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2003-','an ancient Server 2003 machine'),
 ('Windows XP','ctx:server:old-windows','https://learn.microsoft.com/en-us/lifecycle/products/windows-xp','the machine is Windows XP'),
 ('Windows 7','ctx:server:old-windows','https://learn.microsoft.com/en-us/lifecycle/products/windows-7','the target is Windows 7'),
 ('RDP Wrapper','ctx:server:rdpwrap','https://github.com/stascorp/rdpwrap','RDP Wrapper is installed'),
 ('rdpwrap','ctx:server:rdpwrap','https://github.com/stascorp/rdpwrap','rdpwrap.ini updated'),
 ('Azure Virtual Desktop','ctx:server:avd','https://learn.microsoft.com/en-us/azure/virtual-desktop/overview','on Azure Virtual Desktop'),
 ('AVD','ctx:server:avd','https://learn.microsoft.com/en-us/azure/virtual-desktop/overview','our AVD host pool'),
 ('WVD','ctx:server:avd','https://learn.microsoft.com/en-us/azure/virtual-desktop/overview (formerly Windows Virtual Desktop)','the old WVD pool'),
 ('Windows 365','ctx:server:avd','https://learn.microsoft.com/en-us/windows-365/enterprise/overview','my Windows 365 Cloud PC'),
 ('Cloud PC','ctx:server:avd','https://learn.microsoft.com/en-us/windows-365/enterprise/overview','my Cloud PC does not start'),
 ('host pool','ctx:server:avd','https://learn.microsoft.com/en-us/azure/virtual-desktop/terminology','the host pool shows'),
 ('Entra ID joined','ctx:server:entra-joined','https://learn.microsoft.com/en-us/entra/identity/devices/concept-directory-join','the VM is Entra ID joined'),
 ('Microsoft Entra joined','ctx:server:entra-joined','https://learn.microsoft.com/en-us/entra/identity/devices/concept-directory-join','the device is Microsoft Entra joined'),
 ('Azure AD joined','ctx:server:entra-joined','https://learn.microsoft.com/en-us/entra/identity/devices/concept-directory-join','the host is Azure AD joined'),
 ('AAD joined','ctx:server:entra-joined','https://learn.microsoft.com/en-us/entra/identity/devices/concept-directory-join','it is AAD joined'),
 ('AADJ','ctx:server:entra-joined','https://learn.microsoft.com/en-us/entra/identity/devices/concept-directory-join','AADJ machines'),
 ('Azure VM','ctx:cloud:azure','https://learn.microsoft.com/en-us/azure/virtual-machines/overview','the server is an Azure VM'),
 ('Azure virtual machine','ctx:cloud:azure','https://learn.microsoft.com/en-us/azure/virtual-machines/overview','an Azure virtual machine'),
 ('cloudapp.azure.com','ctx:cloud:azure','https://learn.microsoft.com/en-us/azure/virtual-machines/create-fqdn','myvm.westeurope.cloudapp.azure.com'),
 ('Azure Bastion','ctx:cloud:azure','https://learn.microsoft.com/en-us/azure/bastion/bastion-overview','we go through Azure Bastion'),
 ('NSG','ctx:cloud:azure','https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview','the NSG allows 3389'),
 ('EC2','ctx:cloud:aws','https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connecting_to_windows_instance.html','the server is an EC2 instance'),
 ('AWS','ctx:cloud:aws','https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connecting_to_windows_instance.html','it runs in AWS'),
 ('Lightsail','ctx:cloud:aws','https://docs.aws.amazon.com/lightsail/latest/userguide/connect-to-your-windows-based-instance-using-amazon-lightsail.html','a Lightsail Windows instance'),
 ('Google Cloud','ctx:cloud:gcp','https://cloud.google.com/compute/docs/instances/connecting-to-windows','a Google Cloud VM'),
 ('GCP','ctx:cloud:gcp','https://cloud.google.com/compute/docs/instances/connecting-to-windows','a GCP instance'),
 ('Compute Engine','ctx:cloud:gcp','https://cloud.google.com/compute/docs/instances/connecting-to-windows','Compute Engine Windows VM'),
 ('Tailscale','ctx:vpn:overlay','https://tailscale.com/kb/','over Tailscale'),
 ('ZeroTier','ctx:vpn:overlay','https://docs.zerotier.com/','over ZeroTier'),
 ('WireGuard','ctx:vpn:overlay','https://www.wireguard.com/','over WireGuard'),
 ('Netbird','ctx:vpn:overlay','https://docs.netbird.io/','through Netbird'),
 ('Twingate','ctx:vpn:overlay','https://www.twingate.com/docs','through Twingate'),
 ('Cloudflare WARP','ctx:vpn:overlay','https://developers.cloudflare.com/warp-client/','with Cloudflare WARP on'),
 ('GlobalProtect','ctx:vpn:overlay','https://docs.paloaltonetworks.com/globalprotect','GlobalProtect connected'),
 ('AnyConnect','ctx:vpn:overlay','https://www.cisco.com/c/en/us/products/security/anyconnect-secure-mobility-client/index.html','AnyConnect connected'),
 ('FortiClient','ctx:vpn:overlay','https://docs.fortinet.com/product/forticlient','FortiClient VPN up'),
 ('Hamachi','ctx:vpn:overlay','https://vpn.net/','over Hamachi'),
 ('only over VPN','ctx:where:vpn-only',None,'it fails only over VPN'),
 ('only over the VPN','ctx:where:vpn-only',None,'it fails only over the VPN'),
 ('only on VPN','ctx:where:vpn-only',None,'it fails only on VPN'),
 ('only when connected to the VPN','ctx:where:vpn-only',None,'it fails only when connected to the VPN'),
 ('only from home','ctx:where:vpn-only',None,'it fails only from home'),
 ('works in the office','ctx:where:vpn-only',None,'it works in the office'),
 ('after the update','ctx:change:update',None,'it broke after the update'),
 ('after updating','ctx:change:update',None,'after updating the client it fails'),
 ('after a Windows update','ctx:change:update',None,'after a Windows update yesterday'),
 ('since the update','ctx:change:update',None,'since the update nothing works'),
 ('after upgrading','ctx:change:update',None,'after upgrading to 24H2'),
 ('after the upgrade','ctx:change:update',None,'after the upgrade to 3.0'),
 ('24H2','ctx:change:update','https://learn.microsoft.com/en-us/windows/release-health/status-windows-11-24h2','since 24H2'),
 ('KB50','ctx:change:update','https://support.microsoft.com/ (Windows cumulative updates are numbered KB50xxxxx)','after installing KB5040442',),
 ('debloat','ctx:change:hardening',None,'after running a debloat script'),
 ('debloater','ctx:change:hardening',None,'I ran a debloater'),
 ('hardening','ctx:change:hardening',None,'after our hardening'),
 ('CIS baseline','ctx:change:hardening','https://www.cisecurity.org/cis-benchmarks','since we applied the CIS baseline'),
 ('CIS benchmark','ctx:change:hardening','https://www.cisecurity.org/cis-benchmarks','after the CIS benchmark GPO'),
 ('security baseline','ctx:change:hardening','https://learn.microsoft.com/en-us/windows/security/operating-system-security/device-management/windows-security-configuration-framework/windows-security-baselines','after the security baseline'),
 ('STIG','ctx:change:hardening','https://public.cyber.mil/stigs/','after the STIG GPO'),
 ('O&O ShutUp10','ctx:change:hardening','https://www.oo-software.com/en/shutup10','after O&O ShutUp10'),
 ('Windows-Optimize-Harden-Debloat','ctx:change:hardening','https://github.com/simeononsecurity/Windows-Optimize-Harden-Debloat','ran Windows-Optimize-Harden-Debloat'),
 ('changed my password','ctx:change:password',None,'I changed my password on Monday'),
 ('password was reset','ctx:change:password',None,'my password was reset'),
 ('password change','ctx:change:password',None,'right after a password change'),
 ('fresh install','ctx:change:new-install',None,'a fresh install of Windows'),
 ('new install','ctx:change:new-install',None,'a new install'),
 ('newly installed','ctx:change:new-install',None,'a newly installed server'),
 ('just set up','ctx:change:new-install',None,'I just set up the server'),
]
PH='phrasing: our own wording of how reporters describe this situation (no product source; soft evidence only)'
for t,y,src,ex in C:
    sig('context',t,y,'en',src or PH,ex,prefix=(t=='KB50'))
# ---------- localized mstsc dialogs quoted verbatim on public pages ----------
sig('mstsc','Der Systemadministrator hat den Typ der Anmeldung (Netzwerk oder interaktiv) eingeschränkt','msg:account-restriction','de','https://learn.microsoft.com/de-de/troubleshoot/windows-server/remote/cannot-authenticate-must-authenticate-twice','Remotedesktopverbindung: Der Systemadministrator hat den Typ der Anmeldung (Netzwerk oder interaktiv) eingeschränkt, die Sie verwenden können.')
sig('mstsc','ログインできるコンピューターがシステム管理者により制限されています','msg:account-restriction','ja','https://www.haruru29.net/blog/rdp-nla-error/ (quotes the ja-JP Remote Desktop Connection dialog)','リモート デスクトップ接続\nログインできるコンピューターがシステム管理者により制限されています。\n別のコンピューターにログインしてみてください。')
sig('mstsc','The system administrator has restricted the types of logon (network or interactive) that you may use','msg:account-restriction','en','https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/system-admin-restrict-types-logon','Remote Desktop Connection\nThe system administrator has restricted the types of logon (network or interactive) that you may use.')
# ---------- Windows event templates from the catalog ----------
for t,code,ex in [('A connection from the client computer with an IP address of','140','A connection from the client computer with an IP address of 10.0.0.5 failed because the user name or password is not correct.'),
                  ('has been disconnected by session','39','Session 3 has been disconnected by session 5'),
                  ('met connection authorization policy requirements and was therefore authorized','200','The user "CONTOSO\\bob", on client computer "10.0.0.9", met connection authorization policy requirements and was therefore authorized to access the RD Gateway server.')]:
    sig('windows-events',t,'event:'+code,'en',catalog_source('events',code),ex)
# ---------- Windows App / Azure Virtual Desktop / Windows 365 ----------
AVDSRC='https://learn.microsoft.com/en-us/azure/virtual-desktop/virtual-desktops-fall-2019/diagnostics-role-service-2019 (external connection error codes; the same CodeSymbolic names appear in the WVDErrors table, https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/wvderrors)'
file('windows-app-avd','windows-app-avd','Windows App / Remote Desktop client for Azure Virtual Desktop and Windows 365: connection error symbols (WVDErrors CodeSymbolic), AVD agent errors and Entra ID sign-in codes.')
for t,y in [('ConnectionFailedNoHealthyRdshAvailable','msg:avd-host-unavailable'),('ConnectionFailedUserHasValidSessionButRdshIsUnhealthy','msg:avd-host-unavailable'),('ConnectionFailedAdTrustedRelationshipFailure','msg:lsa-unreachable'),
            ('ConnectionFailedClientDisconnect','msg:network-lost'),('ConnectionFailedUserNotAuthorized','msg:not-authorized'),('ReverseConnectFailed','msg:avd-host-unavailable'),('UnexpectedNetworkDisconnect','msg:network-lost')]:
    sig('windows-app-avd',t,y,'en',AVDSRC,'Errors[0].CodeSymbolic == "%s"'%t)
for t in ['ConnectionFailedNoHealthyRdshAvailable','ReverseConnectFailed','SessionHostResourceNotAvailable']:
    pass
sig('windows-app-avd','INVALID_REGISTRATION_TOKEN','msg:avd-host-unavailable','en','https://learn.microsoft.com/en-us/azure/virtual-desktop/troubleshoot-agent (agent error INVALID_REGISTRATION_TOKEN)','RDAgentBootLoader: INVALID_REGISTRATION_TOKEN')
sig('windows-app-avd','NAME_ALREADY_REGISTERED','msg:avd-host-unavailable','en','https://learn.microsoft.com/en-us/azure/virtual-desktop/troubleshoot-agent (agent error NAME_ALREADY_REGISTERED)','RDAgent: NAME_ALREADY_REGISTERED')
sig('windows-app-avd','AADSTS','msg:entra-signin','en','https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (Microsoft Entra authentication and authorization error codes, AADSTS prefix)','AADSTS50126: Error validating credentials due to invalid username or password.',prefix=True)
sig('windows-app-avd','rdweb.wvd.microsoft.com','ctx:server:avd','en','https://learn.microsoft.com/en-us/azure/virtual-desktop/required-fqdn-endpoint (client endpoint rdweb.wvd.microsoft.com)','https://rdweb.wvd.microsoft.com/api/arm/feeddiscovery')
sig('windows-app-avd','windows365.microsoft.com','ctx:server:avd','en','https://learn.microsoft.com/en-us/windows-365/enterprise/requirements-network (windows365.microsoft.com)','open https://windows365.microsoft.com')
# ---------- FreeRDP Android client: the certificate dialog in every shipped language ----------
AR='client/Android/Studio/freeRDPCore/src/main/res/'
for fn in subprocess.run(['git','--git-dir='+gd('freerdp'),'ls-tree','-r','--name-only','HEAD',AR],capture_output=True,text=True).stdout.split():
    if not fn.endswith('strings.xml'): continue
    d=fn.split('/')[-2]
    lang='en' if d=='values' else d[7:].replace('-r','-')
    lines=show('freerdp',fn).splitlines()
    for i,l in enumerate(lines,1):
        m=re.search(r'<string name="dlg_msg_verify_certificate">"?(.*?)"?</string>',l)
        if not m: continue
        full=m.group(1).replace("\\'","'")
        t=re.split(r'(?<=[.。?？])\s*',full)[0].rstrip('.。').strip()
        if lang!='en' and t.startswith('The identity'): continue
        if len(t)<10: continue
        sig('freerdp',t,'msg:cert-untrusted',lang,cite('freerdp',fn,i),full)
