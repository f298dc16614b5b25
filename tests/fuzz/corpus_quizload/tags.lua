quiz{title="t",pick={k=1}}
true_false{id="a",tag="k",text="x",answer=true}
true_false{id="b",tag="k",text="y",answer=false}
