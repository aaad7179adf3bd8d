"""Harvester helpers: read the products' git mirrors (fetched under /work/.mirror/OWNER+NAME/repo), cite owner/repo@commit path:line, collect signatures and write one JSON file per product."""
import subprocess, json, re, os
M='/work/.mirror'
ENGINE=os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','..'))
REPOS={'freerdp':('FreeRDP/FreeRDP','FreeRDP+FreeRDP'),'xrdp':('neutrinolabs/xrdp','neutrinolabs+xrdp'),
 'remmina':('FreeRDP/Remmina','FreeRDP+Remmina'),'guacd':('apache/guacamole-server','apache+guacamole-server'),
 'guacweb':('apache/guacamole-client','apache+guacamole-client'),'mrng':('mRemoteNG/mRemoteNG','mRemoteNG+mRemoteNG'),
 'ironrdp':('Devolutions/IronRDP','Devolutions+IronRDP'),'lion':('jumpserver/lion','jumpserver+lion'),'xpra':('Xpra-org/xpra','Xpra-org+xpra')}
_head={}
def gd(r): return '%s/%s/repo'%(M,REPOS[r][1])
def head(r):
    if r not in _head:
        _head[r]=subprocess.run(['git','--git-dir='+gd(r),'rev-parse','HEAD'],capture_output=True,text=True).stdout.strip()
    return _head[r]
def show(r,path):
    return subprocess.run(['git','--git-dir='+gd(r),'show','HEAD:'+path],capture_output=True,text=True).stdout
def cite(r,path,line):
    return '%s@%s %s:%d'%(REPOS[r][0],head(r)[:12],path,line)
def grep(r,lit,paths=()):
    """First 'path:line' in the repo's HEAD holding lit verbatim (case-sensitive), or raise."""
    out=subprocess.run(['git','--git-dir='+gd(r),'grep','-n','-F','-I','-e',lit,'HEAD','--']+list(paths),capture_output=True,text=True).stdout
    for l in out.splitlines():
        _,p,n,_rest=l.split(':',3)
        return cite(r,p,int(n))
    raise SystemExit('not found in %s: %r'%(r,lit))
FILES={}
ABOUT={}
def sig(f,text,yields,locale,source,example,prefix=False,product=None):
    text=text.lstrip(' ,.-:;!?"\'(«¡¿').strip()
    if len(text)<3: return
    d={'text':text,'yields':yields,'locale':locale,'source':source,'example':example}
    if prefix: d['prefix']=True
    if product: d['product']=product
    FILES.setdefault(f,[]).append(d)
def write(outdir,products):
    seen=set()
    total=0
    for f,sigs in sorted(FILES.items()):
        out=[]
        for s in sigs:
            k=(s['text'].lower(),s['yields'])
            if k in seen: continue
            seen.add(k); out.append(s)
        total+=len(out)
        doc={'about':ABOUT[f],'product':products[f],'signatures':out}
        with open(os.path.join(outdir,f+'.json'),'w') as fh:
            fh.write('{\n  "about": %s,\n  "product": %s,\n  "signatures": [\n'%(json.dumps(doc['about'],ensure_ascii=False),json.dumps(doc['product'])))
            fh.write(',\n'.join('    '+json.dumps(s,ensure_ascii=False) for s in out))
            fh.write('\n  ]\n}\n')
        print(f,len(out))
    print('total',total)
