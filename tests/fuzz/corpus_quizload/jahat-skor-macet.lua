quiz { title = "Tes", pass = 60 }
single { id = "a", text = "t", choices = { "A", "B" }, answer = 1,
  score = function(r) xpcall(error, function() while true do end end) return 1 end }
