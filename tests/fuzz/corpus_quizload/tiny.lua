quiz{title="x"}
short{id="a",text="t",accept={"x"}}
