quiz { title = "Tes", pass = 60 }
local function h(e) while true do pcall(function() while true do end end) end end
xpcall(function() xpcall(function() error("x") end, h) end, h)
single { id = "a", text = "Pilih A.", choices = { "A", "B" }, answer = 1 }
