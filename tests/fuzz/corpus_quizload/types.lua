quiz{title="t",shuffle=true,pass=50}
single{id="a",text="x",choices={"p","q"},answer=2}
multiple{id="b",text="x",choices={"p","q","r"},answer={1,3},partial=true}
true_false{id="c",text="x",answer=false}
short{id="d",text="x",accept={"Jawab"}}
numeric{id="e",text="x",answer=2.5,tolerance=0.1}
matching{id="f",text="x",pairs={{"1","a"},{"2","b"}}}
ordering{id="g",text="x",items={"u","v","w"}}
