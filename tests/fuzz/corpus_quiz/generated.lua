quiz { title = "Hitung Uang Harian", pass = 50 }

generated {
  id = "uang-harian", type = "numeric", points = 2,
  generate = function(rng)
    local hari = rng:int(2, 5)
    local tarif = rng:pick({ 380000, 430000, 480000 })
    return {
      text = ("Perjalanan dinas %d hari, uang harian Rp %d/hari. Berapa totalnya?"):format(hari, tarif),
      answer = hari * tarif, tolerance = 0,
    }
  end,
}

generated {
  id = "acak", type = "single",
  generate = function(rng)
    local a = math.random(1, 1000)
    local b = rng:int(1, 9)
    return { text = ("Berapa %d + %d?"):format(a, b),
             choices = { tostring(a + b), tostring(a + b + 1), tostring(a - b) },
             answer = 1 }
  end,
}

single {
  id = "custom", text = "Pilih yang paling tepat.",
  choices = { "Tepat", "Hampir tepat", "Salah" }, answer = 1,
  score = function(response, q)
    if response == 1 then return 1 elseif response == 2 then return 0.5 end
    return 0
  end,
}
