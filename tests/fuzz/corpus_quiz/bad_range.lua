quiz { title = "Di luar jangkauan" }
true_false { id = "ok", text = "ok", answer = true }
single {
  id = "q1", text = "x",
  choices = { "a", "b", "c" }, answer = 4 }
