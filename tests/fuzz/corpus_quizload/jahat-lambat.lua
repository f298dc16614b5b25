quiz { title = "Tes", pass = 60 }
-- Each generate() stays under the per-call limits (slow C calls, few VM
-- instructions) but together they take more than a paper may: about a
-- second of CPU to reject, paid once per change of this file.
local t = {}
for i = 1, 100000 do t[i] = (i * 7919) % 100003 end
for i = 1, 20 do
  generated { id = "g" .. i, type = "numeric", generate = function(rng)
    for k = 1, 2 do table.sort(t) t[1], t[#t] = t[#t], t[1] end
    return { text = "x", answer = 1 }
  end }
end
