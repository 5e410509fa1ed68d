import sys, itertools
rows=[]
for line in open(sys.argv[1]):
    p=line.split()
    lab=p[1]; ds=float(p[2]); cov=float(p[3]); ru=p[4]; ru=0.0 if ru=='----' else float(ru); top=p[5]
    rows.append((lab,ds,cov,ru,top))
IN=[r for r in rows if r[0]!='OFF']; OFF=[r for r in rows if r[0]=='OFF']
res=[]
for md in [0.5,0.55,0.6,0.65,0.7,0.75]:
  for ac in [0.3,0.4,0.5,0.6,0.7]:
    for ar in [0.8,0.85,0.9,0.95,1.01]:
      right=sum(1 for r in IN if r[1]>=md and r[2]>=ac and r[3]<ar and r[4]==r[0])
      wrong=sum(1 for r in IN if r[1]>=md and r[2]>=ac and r[3]<ar and r[4]!=r[0])
      offans=sum(1 for r in OFF if r[1]>=md and r[2]>=ac and r[3]<ar)
      res.append((right/len(IN), 1-offans/len(OFF), wrong, md,ac,ar))
res.sort(key=lambda x:(-(min(x[0],0.95)+min(x[1],0.95)), -x[0]-x[1]))
for r in res[:25]: print("in %.3f off %.3f wrong %d | md %.2f cov %.2f ru %.2f"%r)
