"""Harvester entry point: regenerates engine/knowledge/signatures/*.json (python3 build.py). Migrates the old Rust table, then runs resolve.py and harvest.py. Needs the product mirrors; review the diff before committing. The one-time migration inputs (/tmp/old_patterns.json, /tmp/old_src.json: the pre-#13 Rust table and its source search) are not kept; the migrated entries now live in the JSON files."""
import sys, os, json, re, subprocess
sys.path.insert(0,os.path.dirname(os.path.abspath(__file__)))
from lib import *
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..')
UNVERIFIED='unverified: carried over from engine/src/text/patterns.rs at 7f0cbf5 (the table before issue #13); no product source found yet'
PRODUCTS={}
def file(f,product,about):
    PRODUCTS[f]=product; ABOUT[f]=about
file('mstsc','mstsc','Remote Desktop Connection (mstsc) and the Remote Desktop ActiveX client: dialog labels and dialog sentences, in English and other languages. Sentences from the disconnect-reason message table come from TechNet wiki 37870 as copied into Xpra.')
file('windows-events','windows-events','Windows event message texts (TerminalServices-*, RemoteDesktopServices-RdpCoreTS, Schannel, RD Gateway, ClientActiveXCore) that identify an event without its ID, and event-log field labels.')
file('freerdp','freerdp','FreeRDP 2/3 (xfreerdp, wlfreerdp, sdl-freerdp): the ERRINFO/ERRCONNECT message tables and the log lines a failed connect prints.')
file('openssl','openssl','OpenSSL TLS alert reason strings as they appear in FreeRDP, xrdp and Remmina logs ("tlsv1 alert internal error").')
file('xrdp','xrdp','xrdp and xrdp-sesman log and login-window messages.')
file('guacamole','guacamole','Apache Guacamole: guacd RDP messages and the web client translated status messages (CLIENT_ERROR/TUNNEL_ERROR) in every language it ships.')
file('remmina','remmina','Remmina RDP plugin messages, in English and the languages Remmina ships.')
file('mremoteng','mremoteng','mRemoteNG messages around RDP connections, in its shipped languages.')
file('ironrdp','ironrdp','IronRDP (and products built on it) error texts.')
file('jumpserver','jumpserver','JumpServer Lion (Guacamole-based web RDP gateway) messages.')
file('network-tools','network-tools','Sentences network tools print (nslookup, ping, getaddrinfo, sockets) that settle a net:* fact.')
file('phrases','user-words','The reporter\'s own words: soft hint:* evidence (negation-aware). Source: the phrasing is ours; each names the situation the hint key describes.')
file('context','context','Context as evidence: which client, gateway, server software, cloud or VPN the text or the reporter names, and what changed. Soft ctx:* evidence (negation-aware).')

# ---------------- 1. migrate the old table ----------------
old=json.load(open('/tmp/old_patterns.json'))
oldsrc=json.load(open('/tmp/old_src.json'))
BAD={'error code','extended error code','extended error','disconnect reason','discreason','disconnect code','reason code','exdiscreason','failure code','selectedprotocol','selected protocol','ssl_accept','ssl_connect','tls handshake failed','self-signed certificate','failed to connect to','no route to host','broken pipe','rdg_','private key file','login failure','logon failure','network level authentication (nla)','encryption oracle remediation','oracle remediation','revocation','licensing error','account has been disabled','clock skew','time difference','remote desktop gateway server','because of a protocol error','another connection','standard rdp security','could not resolve','certificate expired','código de erro','failurecode','login failed','connection refused','connection reset by peer','authentication failure','check credentials','an internal error has occurred','name mismatch','account restriction','logon type not granted','password has expired','password must be changed','account locked out','account is disabled','licensing protocol','license server','certificate has expired','autenticación de nivel de red','requires network level authentication','password expired','another user connected'}
LOC={'de':['fehlercode','erweiterter','netzwerkebenen','verschlüsselungsorakel','ein interner fehler','identität des','lizenzierungs','aus einem der','dieser computer','authentifizierungsfehler','wegen eines','nach dem update','seit dem update','umbenannt','von zuhause','im homeoffice','hat funktioniert','manchmal'],
 'fr':["code d'erreur","code d\u2019erreur",'authentification au','oracle de chiffrement','une erreur interne',"l'identité",'pour l\'une','cet ordinateur',"erreur d'authentification",'depuis la mise'],
 'es':['código de error','codigo de error','autenticación a','autenticación de','oráculo','se produjo','se ha producido','por uno de','este equipo','error de autenticación','después de la'],
 'it':['codice di errore','codice errore'],'nl':['foutcode','uitgebreide'],
 'ja':['エラー','拡張','ネットワーク','暗号化','内部エラー','このコン','次のいずれ','認証エラー'],
 'zh-CN':['错误','扩展','网络级别','加密','出现','发生','这台','由于'],'zh-TW':['錯誤','延伸','擴充'],'ko':['오류','확장']}
def locale_of(t):
    for l,ws in LOC.items():
        if any(t.startswith(w) or w in t for w in ws): return l
    return 'en'
FILEKIND={}
def ex_for(t,y):
    if y.startswith('label:'):
        if y=='label:neg-failure': return t+': 5'
        if y=='label:protocol': return t+': 2'
        if y=='label:extended': return t+': 0x7'
        return t+': 0x904'
    if y.startswith('hint:') or y.startswith('ctx:'): return 'We noticed: '+t+'.'
    return 'Error: '+t+'.'
for f,t,k in old:
    if k.startswith('Special') or k.startswith('NegName'): continue
    k=k+')'*(k.count('(')-k.count(')')); m=re.match(r'(\w+)(?:\((.*)\))?$',k)
    kind,arg=m.group(1),m.group(2)
    y={'DISC':'label:disconnect','EXT':'label:extended','LabelSuffixed':'label:suffixed'}.get(kind)
    if kind=='Label': y={'NegFailure':'label:neg-failure','Protocol':'label:protocol'}[arg]
    if kind in('Fact','Hint'): y=json.loads(arg)
    if kind=='EventText': y='event:'+arg
    if kind=='Alert': y='alert:'+arg
    if kind=='Code': y='freerdp:ERRCONNECT_POST_CONNECT_FAILED'
    loc=locale_of(t)
    if kind=='Hint': fl='phrases'
    elif kind=='EventText': fl='windows-events'
    elif kind=='Alert': fl='openssl'
    elif y.startswith('net:'): fl='network-tools'
    else:
        fl='mstsc'
        s=oldsrc.get(t)
        if s and t not in BAD:
            fl={'FreeRDP/FreeRDP':'freerdp','neutrinolabs/xrdp':'xrdp','FreeRDP/Remmina':'remmina','apache/guacamole-server':'guacamole','mRemoteNG/mRemoteNG':'mstsc','Devolutions/IronRDP':'ironrdp','apache/guacamole-client':'guacamole'}[s[0]]
            if 'Android' in s[2] or 'mRemoteNG' in s[0]: fl='mstsc'
        if t in('discreason','exdiscreason','reason code','disconnect reason','disconnect code','rdp disconnected!','failurecode','failure code','selectedprotocol','selected protocol','freerdp_post_connect failed','post_connect failed','bio_do_handshake failed','ssl routines','tls connect failed','certificate name mismatch','certificate verification failure','certificate not trusted','self signed certificate in certificate chain','license connection sequence aborted','network disconnect!','protocol security negotiation failure','security negotiation failure','early user auth active: failure','rdg_','the host key for','remote host identification has changed','disconnected by server hitting a bug or resource limit','ssl_accept','ssl_connect','tls handshake failed','connection reset by peer','broken pipe'): fl='freerdp'
        if t in('cannot read private key','error reading rsa key','private key file','login failed','pam authentication failed'): fl='xrdp'
        if t in('could not authenticate to the rdp server','could not find the address for the rdp server','unable to connect to rdp server'): fl='remmina'
    s=oldsrc.get(t)
    if s and t not in BAD:
        src='%s@%s %s:%s'%(s[0],s[1],s[2],s[3])
    else:
        src=UNVERIFIED
    sig(fl,t,y,loc,src,ex_for(t,y),prefix=(f=='pp'))
OLDTEXTS={t for _,t,_ in old}
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'resolve.py')).read())
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'harvest.py')).read())
write(OUT,PRODUCTS)
