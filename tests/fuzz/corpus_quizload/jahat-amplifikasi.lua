quiz { title = "Tes", pass = 60 }
local s = ("x"):rep(16000)
for i = 1, 200 do
  short { id = "q" .. i, text = s, feedback = s, accept = { s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s } }
end
