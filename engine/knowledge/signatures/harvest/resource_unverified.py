"""Gives sources to signatures that still say `unverified:` when a public Windows message table or
documentation page holds their text: for each (file, text, where) below, checks that the text
occurs (ASCII case-insensitive, as the matcher compares) in the cited row, then replaces the
`unverified: ...` source with the citation. Rows come from windows_events.source_of (manifest dumps
in scheatkode/brain, message files in libyal/winevt-kb); URL sources are copied from the page.
Usage: python3 resource_unverified.py"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from windows_events import source_of  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
AADJ = ('https://learn.microsoft.com/en-us/azure/virtual-desktop/troubleshoot-client-windows '
        '(MicrosoftDocs/azure-docs@d23739c4f5d1 articles/virtual-desktop/includes/'
        'include-troubleshoot-azure-ad-joined-connections-windows.md, section "The logon attempt failed")')
FIXES = [
    ('mstsc.json', 'logon failure', ('mf', 'msaudite.dll', 0x211)),
    ('mstsc.json', 'user name or password is not correct',
     ('brain', 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS', 140)),
    ('mstsc.json', 'not yet valid', ('brain', 'Schannel', 36881)),
    ('mstsc.json', 'remote computer cannot be authenticated', ('mf', 'tsworkspace.dll', 0xB00003F4)),
    ('mstsc.json', 'the logon attempt failed', ('url', AADJ, 'The logon attempt failed')),
]


def main():
    done = 0
    for fname, text, where in FIXES:
        if where[0] == 'url':
            cite, row = where[1], where[2]
        else:
            row, cite = source_of(where)
        if text.lower() not in row.lower():
            raise SystemExit('not in %s: %r' % (cite, text))
        path = os.path.join(HERE, fname)
        doc = json.load(open(path, encoding='utf-8'))
        hit = [s for s in doc['signatures'] if s['text'] == text and s['source'].startswith('unverified')]
        if not hit:
            print('already sourced or absent:', text)
            continue
        for s in hit:
            s['source'] = cite
            done += 1
        with open(path, 'w', encoding='utf-8') as fh:
            fh.write('{\n  "about": %s,\n  "product": %s,\n  "signatures": [\n' % (
                json.dumps(doc['about'], ensure_ascii=False), json.dumps(doc['product'])))
            fh.write(',\n'.join('    ' + json.dumps(s, ensure_ascii=False) for s in doc['signatures']))
            fh.write('\n  ]\n}\n')
    print('sourced', done)


if __name__ == '__main__':
    main()
