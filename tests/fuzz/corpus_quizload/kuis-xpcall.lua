-- Hostile at run time only. On the seeds `lentera check` (and so the
-- loader) tries, generate() behaves; on a real learner's seed its xpcall
-- message handler never returns. (rng:int(0, 1 << 40) of the checked seeds.)
local CHECKED = { [197623917707] = true, [896706633550] = true, [416017266542] = true, [973041755284] = true, [717753544000] = true, [975171156272] = true, [197623917707] = true, [896706633550] = true, [416017266542] = true, [691309844756] = true, [187803078475] = true, [1011918727578] = true, [694377565925] = true, [1031916968755] = true, [561065865806] = true, [878481684966] = true, [183481164133] = true, [222245633058] = true, [695094472780] = true, [821055474780] = true, [865482004724] = true, [1013619308226] = true, [889144495260] = true, [752503712594] = true, [377049478403] = true, [316483671661] = true, [427318465167] = true, [329134803545] = true, [98106089214] = true, [688586394255] = true, [85502359256] = true, [170715356240] = true, [519684066064] = true, [430513489397] = true, [615832017228] = true, [270414506740] = true, [434404049692] = true, [513536650287] = true, }

quiz { title = "Tes Xpcall", pass = 60 }

generated {
  id = "g-xpcall", type = "numeric",
  generate = function(rng)
    if not CHECKED[rng:int(0, 1 << 40)] then
      xpcall(function() error("x") end, function(e) while true do end end)
    end
    return { text = "Berapa 1 + 0?", answer = 1 }
  end,
}
