quiz{title="g"}
generated{id="n",type="numeric",generate=function(r) local a=r:int(1,9) return {text="x"..a,answer=a} end}
generated{id="m",type="matching",generate=function(r) return {text="m",pairs=r:shuffle({{"a","1"},{"b","2"}})} end}
