-- wrk: every request a different search of the public website (two words
-- from the made-up reports' vocabulary, and a counter so no rendering kept
-- for an earlier visitor answers it).
local words = {"hate", "crime", "custody", "victims", "witnesses", "domestic", "abuse", "youth",
  "justice", "mental", "health", "case", "progression", "resettlement", "digital", "evidence",
  "Durham", "Kendal", "Reading", "Home", "Office", "review", "staff", "partners"}
local counter = 0
request = function()
  counter = counter + 1
  local a = words[(counter % #words) + 1]
  local b = words[(math.floor(counter / #words) % #words) + 1]
  return wrk.format("GET", "/search?q=" .. a .. "+" .. b .. "&n=" .. counter)
end
