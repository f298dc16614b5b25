quiz { title = "Tes", pass = 60 }
xpcall(function() error("x") end, function(e) while true do end end)
single { id = "a", text = "Pilih A.", choices = { "A", "B" }, answer = 1 }
