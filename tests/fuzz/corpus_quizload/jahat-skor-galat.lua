quiz { title = "Tes", pass = 60 }
single { id = "a", text = "t", choices = { "A", "B" }, answer = 1,
  score = function(r) error("boom") end }
