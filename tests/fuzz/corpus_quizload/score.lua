quiz{title="s",pick=1}
single{id="a",text="x",choices={"p","q"},answer=1,score=function(r,q) return r==1 and 1 or 0.5 end}
ordering{id="b",text="x",items={"1","2"},score=function(r,q) return #r/2 end}
