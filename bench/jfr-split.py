#!/usr/bin/env python3
# Splits a JFR profile of the benchmark JVM by part (api, worker, grpc, emulator: ThreadCpu.partOf) and,
# for api/worker/grpc threads, by layer (Graph SDK, Temporal SDK/gRPC, JWT, JSON, Spring/Tomcat, ours). See BENCHMARKS.md.
import sys, re, collections
# usage: jfr print --events jdk.ExecutionSample --stack-depth 96 F.jfr | python3 bench/jfr-split.py
def part(t):
    if t.startswith('floor-'): return 'floor'
    if t.startswith('bench-') or t=='main': return 'bench'
    if t.startswith('graph-emulator') or t.startswith('HttpClient-') or t=='HTTP-Dispatcher': return 'emulator'
    if t.startswith(('http-nio-','Catalina','container-','temporal-rpc','tomcat')): return 'api'
    if t.startswith('grpc-'): return 'grpc'
    if t.startswith(('workflow-','Workflow','Activity ','Local Activity','sticky','OkHttp','recording-','Temporal','Okio')): return 'worker'
    return 'other'
def layer(frames):
    s=' '.join(frames)
    if 'com.microsoft.kiota' in s or 'com.microsoft.graph' in s or 'okhttp3' in s or 'okio' in s or 'com.azure' in s: return 'Graph SDK (Kiota/OkHttp/azure-identity)'
    if 'io.temporal' in s or 'io.grpc' in s or 'com.google.protobuf' in s or 'io.netty' in s: return 'Temporal SDK/gRPC'
    if 'nimbus' in s or 'jwt' in s.lower(): return 'JWT'
    if "com.fasterxml.jackson" in s or "tools.jackson" in s: return 'JSON'
    if 'org.springframework' in s or 'org.apache.catalina' in s or 'org.apache.coyote' in s or 'org.apache.tomcat' in s: return 'Spring/Tomcat'
    if 'dev.ivr' in s: return 'ours'
    return 'JDK/other'
parts=collections.Counter(); layers=collections.Counter(); total=0
thread=None; frames=[]; instack=False
for line in sys.stdin:
    l=line.strip()
    m=re.match(r'sampledThread = "(.*)" \(', l)
    if m: thread=m.group(1); continue
    if l.startswith('stackTrace = ['): instack=True; frames=[]; continue
    if instack:
        if l==']' or l.startswith('...'):
            if l==']':
                instack=False; total+=1
                p=part(thread or ''); parts[p]+=1
                if p in ('api','worker','grpc'): layers[(p, layer(frames))]+=1
            continue
        frames.append(l)
print(f"samples {total}")
for p,n in parts.most_common(): print(f"  {p:10s} {n:6d} {100*n/total:5.1f}%")
print("by part and layer (first match in the stack, in this order: Graph SDK, Temporal, JWT, JSON, Spring, ours):")
for (p,l),n in sorted(layers.items(), key=lambda x:-x[1]): print(f"  {p:8s} {l:42s} {n:6d} {100*n/total:5.1f}%")
