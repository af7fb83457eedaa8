#!/usr/bin/env python3
"""A stress inventory for `trappa plan`: services whose evidence is drawn at
random, so that nearly every service is unlike every other (about one class
of interchangeable services per service). Real inventories are far more
alike; this is the hard case the README's `plan` section measures.

    python3 scripts/diverse_inventory.py SEED SERVICES > inventory.yaml
    trappa plan inventory.yaml --targets tests/fixtures/plan/targets-diverse.yaml

Deterministic for a seed. Not used by the tests.
"""
import random
import sys

seed=int(sys.argv[1]); n=int(sys.argv[2])
r=random.Random(seed)
y="trappa: 1\norganisation:\n  name: Provkommun\n  code: \"1287\"\nyear: 2024\ndepartments:\n  - id: d0\n    name: Nämnd 0\n  - id: d1\n    name: Nämnd 1\nservices:\n"
for i in range(n):
    live=r.random()<0.85; dep=r.randrange(2); target=r.randrange(5)
    sub=["none","offline","online"][r.randrange(3)]; login=["none","password","eid"][r.randrange(3)]
    eids=r.random()<0.5; form=r.random()<0.5; tr=r.random()<0.5; dec=r.randrange(3)
    reg=r.random()<0.2; foreign=r.random()<0.3; anon=r.random()<0.2 and login!="eid"
    hours=r.randrange(3); mob=r.randrange(3); st=r.random()<0.5; cases=r.randrange(5000) if r.random()<0.5 else None
    signing="eid" if eids and sub=="online" else "none"
    tracking="portal" if tr and sub!="none" else "none"
    s=f"  - id: s{i}\n    name: Tjänst {i}\n    department: d{dep}\n"
    if not live: s+="    status: planned\n"
    if target>0: s+=f"    target_step: {target}\n"
    s+=f"    evidence:\n      submission: {sub}\n      login: {login}\n      signing: {signing}\n      download_form: {str(form).lower()}\n      case_tracking: {tracking}\n      prefill: {'registry' if reg else 'none'}\n      foreign_eid: {str(foreign).lower()}\n      anonymous: {str(anon).lower()}\n"
    if dec>0: s+=f"      decision: {['','post','portal'][dec]}\n"
    s+="    access:\n"
    if hours>0: s+=f"      hours: {['','limited','always'][hours]}\n"
    if mob>0: s+=f"      mobile: {['','desktop_only','responsive'][mob]}\n"
    if st: s+="      accessibility_statement: https://kommun.se/tillganglighet\n"
    if cases is not None: s+=f"    volumes:\n      cases: {cases}\n"
    y+=s
print(y,end="")
