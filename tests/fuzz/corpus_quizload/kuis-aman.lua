quiz { title = "Tes", pass = 60 }
generated {
  id = "uang", type = "numeric",
  generate = function(rng)
    local hari = rng:int(2, 5)
    return {
      text = ("Uang harian %s selama %d hari. Berapa totalnya?"):format(rupiah(430000), hari),
      answer = 430000 * hari,
    }
  end,
}
numeric { id = "desimal", text = "Tulis " .. desimal(2.5, 1) .. " sebagai angka.", answer = 2.5 }
