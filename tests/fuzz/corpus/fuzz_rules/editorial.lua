-- editorial.lua: tags an editor would put on an article by hand.
--
-- Every threshold is an option; change them here or copy the file.

options {
  quick_read_minutes = 3,    -- at most this long: quick-read
  long_read_minutes = 10,    -- at least this long: long-read
  listicle_items = 5,        -- this many list items, or numbered headings
  explainer_min_words = 400,
  needs_edit_long_sentence = 30,  -- words
  needs_edit_share = 0.2,         -- of sentences that long
  needs_edit_flesch = 40,
  data_heavy_numbers = 0.03,      -- share of words that are numbers
  wall_of_text_words = 250,       -- a paragraph this long
}

local function words_of_kind(a, kind)
  local n = 0
  for _, w in ipairs(a.words) do
    if w.kind == kind then n = n + 1 end
  end
  return n
end

local function headings(a)
  local list = {}
  for _, b in ipairs(a.blocks) do
    if b.kind == "heading" then list[#list + 1] = b end
  end
  return list
end

-- The title without leading marks ("# ", "1. " stays: it is a number).
local function title(a)
  local t = a.meta.title
  if not t then
    for _, b in ipairs(a.blocks) do
      if b.role == "title" or b.kind == "heading" then t = b.text break end
    end
  end
  return ((t or ""):gsub("^[#%s%*_=%-]+", ""))
end

tag "quick-read" (function(a)
  return a.counts.words > 0 and a.reading_time.minutes <= option "quick_read_minutes"
end)

tag "long-read" (function(a)
  return a.reading_time.minutes >= option "long_read_minutes"
end)

-- Many list items, or headings that start with a number ("7 ways to...").
tag "listicle" (function(a)
  local items, numbered = 0, 0
  for _, b in ipairs(a.blocks) do
    if b.kind == "list_item" and b.main then items = items + 1 end
    if b.kind == "heading" and b.text:match("^%s*%d+[%.%):]?%s") then numbered = numbered + 1 end
  end
  return items >= option "listicle_items" or numbered >= 3
    or title(a):match("^%s*%d+%s+%a") ~= nil
end)

-- A how/why/what title, or several question headings, on a long enough text.
tag "explainer" (function(a)
  local t = title(a):lower()
  local asks = t:match("^how ") or t:match("^why ") or t:match("^what ")
    or t:find("explained", 1, true) or t:find("guide", 1, true)
  local questions = 0
  for _, h in ipairs(headings(a)) do
    if h.text:match("%?%s*$") then questions = questions + 1 end
  end
  return a.counts.words >= option "explainer_min_words" and (asks or questions >= 2) and true or false
end)

-- Many very long sentences or a hard text: an editor should look at it.
tag "needs-edit" (function(a)
  local long = 0
  for _, s in ipairs(a.sentences) do
    if s.words > option "needs_edit_long_sentence" then long = long + 1 end
  end
  local share = #a.sentences > 0 and long / #a.sentences or 0
  local fre = a.readability.flesch_reading_ease
  return share > option "needs_edit_share" or (fre ~= nil and fre < option "needs_edit_flesch")
end)

tag "data-heavy" (function(a)
  return a.counts.words > 0 and words_of_kind(a, "number") / a.counts.words >= option "data_heavy_numbers"
end)

tag "has-images" (function(a) return a.counts.images > 0 end)

tag "has-links" (function(a) return words_of_kind(a, "url") > 0 end)

-- A check rather than a tag: it says where the wall is.
check "wall-of-text" {
  level = "info",
  run = function(a)
    local walls = {}
    for _, b in ipairs(a.blocks) do
      if b.kind == "paragraph" and b.words >= option "wall_of_text_words" then walls[#walls + 1] = b end
    end
    if #walls == 0 then return true end
    return false, ("%d paragraph(s) of %d words or more: break them up")
      :format(#walls, option "wall_of_text_words"), walls
  end,
}

score "ease" (function(a) return a.readability.flesch_reading_ease or 0 end)
score "minutes" (function(a) return a.reading_time.seconds / 60 end)
