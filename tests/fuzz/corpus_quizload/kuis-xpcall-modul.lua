-- Hostile at run time only: score() loops in an xpcall message handler
-- when the learner picks choice 3, which `lentera check` never sends (it
-- sends the right choice and the first wrong one).
quiz { title = "Tes Skor", pass = 60 }

single {
  id = "s", text = "Pilih A.", choices = { "A", "B", "C" }, answer = 1,
  score = function(r)
    if r == 3 then
      xpcall(function() error("x") end, function(e) while true do end end)
    end
    return r == 1 and 1 or 0
  end,
}
