quiz { title = "Tes", pass = 60 }
local function c(a, b) table.sort({ 3, 2, 1 }, c) return a < b end
table.sort({ 3, 2, 1 }, c)
single { id = "a", text = "Pilih A.", choices = { "A", "B" }, answer = 1 }
