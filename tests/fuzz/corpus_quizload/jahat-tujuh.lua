quiz { title = "Tes", pass = 60 }
generated { id = "g", type = "numeric", generate = function(rng)
  local a = rng:int(1, 20)
  return { text = "Berapa " .. a .. "/7?", answer = a / 7 } end }
