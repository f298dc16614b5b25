quiz { title = "Acak per tag", pick = { dasar = 2, hitung = 1 }, shuffle = true }
single { id = "d1", tag = "dasar", text = "D1", choices = { "a", "b" }, answer = 1 }
single { id = "d2", tag = "dasar", text = "D2", choices = { "a", "b" }, answer = 1 }
single { id = "d3", tag = "dasar", text = "D3", choices = { "a", "b" }, answer = 1 }
single { id = "d4", tag = "dasar", text = "D4", choices = { "a", "b" }, answer = 1 }
numeric { id = "h1", tag = "hitung", text = "H1", answer = 1 }
numeric { id = "h2", tag = "hitung", text = "H2", answer = 2 }
true_false { id = "x1", tag = "lain", text = "never drawn", answer = true }
