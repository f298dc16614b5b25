quiz { title = "Tes", pass = 60 }
local function f(s) return (s:gsub('.', f)) end
f('aa')
single { id = "a", text = "Pilih A.", choices = { "A", "B" }, answer = 1 }
