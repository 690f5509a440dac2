import json,sys,collections,re
stages=[('hosting','CapturingServer+'),('devexc','DeveloperExceptionPageMiddlewareImpl'),('routing','EndpointRoutingMiddleware'),('cors','CorsMiddleware'),
 ('authn-mw','AuthenticationMiddleware'),('authn-cognito','CognitoMcpAuthenticationHandler'),('jwtbearer','JwtBearerHandler'),('events','CognitoJwtBearerEvents'),('tokencache','ValidatedTokenCache'),
 ('authz-mw','AuthorizationMiddleware'),('authz-policy','PolicyEvaluator'),('authz-service','DefaultAuthorizationService'),('scopehandler','ScopeAuthorizationHandler'),('resulthandler','InsufficientScopeResultHandler'),('resulthandler-fw','AuthorizationMiddlewareResultHandler'),
 ('endpoint','EndpointMiddleware'),('toolguard','ToolScopeGuard'),('mcp','StreamableHttpHandler'),('mcp-authzfilter','AuthorizationFilterSetup')]
def run(f):
    d=json.load(open(f)); frames=[x['name'] for x in d['shared']['frames']]
    fs={}
    for i,n in enumerate(frames):
        st=None
        for s,pat in stages:
            if pat in n: st=s
        fs[i]=st
    acc=collections.Counter(); tot=0; other=collections.Counter()
    for p in d['profiles']:
        stack=[]; last=None
        for e in p['events']:
            t=e['at']
            if last is not None and stack and frames[stack[-1]]=='CPU_TIME' or (last is not None and stack and 'CPU_TIME' in [frames[i] for i in stack[-2:]]):
                dt=t-last
                names=stack
                if any(fs[i]=='hosting' for i in names):
                    deepest=None; didx=-1
                    for k,i in enumerate(names):
                        if fs[i]: deepest=fs[i]; didx=k
                    if any('PollGC' in frames[i] for i in names): deepest='gc(PollGC)'
                    acc[deepest]+=dt; tot+=dt
                    if deepest in ('authn-mw','authz-mw','hosting','endpoint','resulthandler','authn-cognito','events','tokencache','jwtbearer','scopehandler','authz-service','authz-policy'):
                        # the first frame below the stage, to see where
                        below=[frames[i] for i in names[didx+1:] if frames[i]!='CPU_TIME']
                        other[(deepest, below[0][:110] if below else '(self)')]+=dt
            last=t
            if e['type']=='O': stack.append(e['frame'])
            else:
                while stack:
                    x=stack.pop()
                    if x==e['frame']: break
    return acc,tot,other
for f in sys.argv[1:]:
    acc,tot,other=run(f)
    print(f, 'request-stack ms', round(tot))
    for s,_ in stages+[('gc(PollGC)','')]: 
        if acc[s]: print(f'  {s:18s} {acc[s]:9.1f} ms {100*acc[s]/tot:6.2f}%')
    print('  top callees within stages:')
    for (s,b),w in sorted(other.items(),key=lambda x:-x[1])[:45]: print(f'    {s:14s} {w:8.1f}  {b}')
