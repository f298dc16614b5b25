quiz { title = "Tes", pass = 60 }
generated { id = "g", type = "numeric", generate = function(rng)
  xpcall(error, function() while true do end end)
  return { text = "x", answer = 1 } end }
