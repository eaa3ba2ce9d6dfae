# Checks a Clearbox report, or a package's SLSA Verification Summary, without Clearbox (docs/verifying.md):
#   python3 verify_report.py ENVELOPE PUBLIC.pem [FILE...]
# Needs only the Python "cryptography" package. Exits non-zero when anything does not hold.
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives import hashes

def strict(pairs):                       # refuse a key twice, as DSSE/in-toto readers must
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        sys.exit("duplicate key")
    return dict(pairs)

def b64(s):                              # standard or URL-safe, padding optional
    s = s.replace('-', '+').replace('_', '/')
    return base64.b64decode(s + '=' * (-len(s) % 4), validate=True)

envelope_file, key_file, *artifacts = sys.argv[1:]
env = json.load(open(envelope_file), object_pairs_hook=strict)
t = env['payloadType']
assert t == 'application/vnd.in-toto+json' or (t.startswith('application/vnd.in-toto.') and t.endswith('+json'))
payload = b64(env['payload'])
pae = b'DSSEv1 %d %s %d %s' % (len(t.encode()), t.encode(), len(payload), payload)
key = load_pem_public_key(open(key_file, 'rb').read())
def ok(sig):
    try:
        key.verify(sig, pae) if isinstance(key, ed25519.Ed25519PublicKey) else key.verify(sig, pae, ec.ECDSA(hashes.SHA256()))
        return True
    except Exception:
        return False
assert any(ok(b64(s['sig'])) for s in env['signatures']), "signature does not verify"
st = json.loads(payload, object_pairs_hook=strict)
assert st['_type'] == 'https://in-toto.io/Statement/v1' and st['subject'] and all(s.get('digest') for s in st['subject'])
p = st['predicate']
by_sha = {}
for s in st['subject']:
    if 'sha256' in s['digest']:
        by_sha.setdefault(s['digest']['sha256'], []).append(s['name'])
if st['predicateType'] == 'https://slsa.dev/verification_summary/v1':   # a package's SLSA Verification Summary
    assert p['verificationResult'] in ('PASSED', 'FAILED') and p['verifier']['id'] and p['resourceUri'] and p['policy']['uri']
    print(st['predicateType'], [s['name'] for s in st['subject']], p['resourceUri'], p['verificationResult'],
          p['verifiedLevels'], p['timeVerified'], p.get('https://clearbox.dev/attestation/verification-summary/v1', {}).get('reasons'))
    inputs = {a['digest']['sha256']: a['uri'] for a in p.get('inputAttestations', [])}
    for a in artifacts:                   # a FILE is the package (a subject) or the report envelope (an input attestation)
        sha = hashlib.sha256(open(a, 'rb').read()).hexdigest()
        assert sha in by_sha or sha in inputs, a + " is neither a subject nor an input attestation"
        print(a, 'subject' if sha in by_sha else 'inputAttestation', by_sha.get(sha) or inputs[sha])
    sys.exit(0)
print(st['predicateType'], p['product'], p['source']['commitId'], p['generatedAt'], p.get('auditor'), p['summary'].get('result'))
for a in artifacts:
    names = by_sha.get(hashlib.sha256(open(a, 'rb').read()).hexdigest())
    assert names, a + " is not covered"
    for v in p['verdicts']:
        if any(v['shipped'] == n or v['shipped'].startswith(n + '!/') for n in names):
            print(a, v['shipped'], v['verdict'])
