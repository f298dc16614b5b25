quiz { title = "Tes", pass = 60 }
local function f(n) return pcall(f, n + 1) end
f(1)
single { id = "a", text = "Pilih A.", choices = { "A", "B" }, answer = 1 }
