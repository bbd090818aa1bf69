-- yoast.lua: readability assessments in the manner of Yoast SEO.
--
-- Each check gives a traffic light: green passes, orange fails as a
-- warning, red fails as an error; failing checks point at the sentences or
-- paragraphs at fault.  The thresholds are Yoast's defaults for English
-- (the numbers are facts from Yoast's documentation; the code is ours).
-- The word lists below (transition words, passive auxiliaries, irregular
-- participles) were written for readstat.

options {
  sentence_words = 20,          -- a sentence is long above this
  sentence_green_percent = 25,  -- at most this share of long sentences: green
  sentence_red_percent = 30,    -- above this: red
  paragraph_green_words = 150,
  paragraph_red_words = 200,
  section_green_words = 300,
  section_red_words = 350,
  passive_green_percent = 10,
  passive_red_percent = 15,
  transition_green_percent = 30,
  transition_red_percent = 20,
  transition_min_words = 200,   -- Yoast only judges texts this long
  flesch_green = 60,
  flesch_red = 50,
  same_start_limit = 3,         -- this many sentences in a row: red
  min_characters = 50,
}

local GREEN, ORANGE, RED = "green", "orange", "red"

-- Words ------------------------------------------------------------------

-- The chunk runs afresh for every article, so these caches never outlive it.
local words_cache = {}
local function lower_words(sentence)
  local out = words_cache[sentence.index]
  if out then return out end
  out = {}
  for _, w in ipairs(sentence.word_list) do
    local text = w.text:lower()
    if text:find("\u{2019}", 1, true) then text = text:gsub("\u{2019}", "'") end
    out[#out + 1] = text
  end
  words_cache[sentence.index] = out
  return out
end

local function set(list)
  local s = {}
  for _, w in ipairs(list) do s[w] = true end
  return s
end

local TRANSITIONS = set {
  "accordingly", "additionally", "afterward", "afterwards", "also", "although",
  "besides", "because", "consequently", "conversely", "finally", "first",
  "firstly", "furthermore", "hence", "however", "indeed", "instead", "later",
  "likewise", "meanwhile", "moreover", "nevertheless", "next", "nonetheless",
  "otherwise", "second", "secondly", "similarly", "since", "so", "still",
  "subsequently", "then", "therefore", "third", "thus", "ultimately", "unless",
  "whereas", "while", "yet", "overall", "specifically", "notably", "namely",
}
local TRANSITION_PHRASES = {
  "as a result", "for example", "for instance", "in addition", "in contrast",
  "in fact", "in other words", "in short", "in summary", "on the other hand",
  "as well as", "above all", "after all", "at the same time", "even though",
  "for this reason", "in conclusion", "in particular", "of course",
  "so that", "such as", "to sum up", "in the end", "as long as", "by contrast",
}

local AUXILIARIES = set {
  "am", "is", "are", "was", "were", "be", "been", "being", "get", "gets",
  "got", "gotten", "getting", "isn't", "aren't", "wasn't", "weren't",
}
local IRREGULAR = set {
  "arisen", "awoken", "beaten", "become", "begun", "bent", "bitten", "blown",
  "broken", "brought", "built", "burnt", "bought", "caught", "chosen", "come",
  "cut", "dealt", "done", "drawn", "driven", "drunk", "eaten", "fallen", "fed",
  "felt", "fought", "found", "flown", "forbidden", "forgotten", "forgiven",
  "frozen", "given", "gone", "grown", "hung", "heard", "hidden", "hit", "held",
  "hurt", "kept", "known", "laid", "led", "left", "lent", "let", "lost", "made",
  "meant", "met", "paid", "put", "read", "ridden", "rung", "risen", "run",
  "said", "seen", "sold", "sent", "set", "shaken", "shot", "shown", "shut",
  "sung", "sunk", "sat", "slain", "slept", "spoken", "spent", "spun", "spread",
  "stolen", "struck", "sworn", "swept", "swum", "taken", "taught", "torn",
  "told", "thought", "thrown", "understood", "woken", "worn", "won", "written",
}
-- Words ending in -ed that are not participles after "be".
local NOT_PARTICIPLE = set { "bed", "red", "need", "seed", "feed", "speed", "shed", "indeed", "tired" }

local function is_participle(w)
  if IRREGULAR[w] then return true end
  return #w > 4 and w:sub(-2) == "ed" and not NOT_PARTICIPLE[w]
end

-- "was written", "is being built", "were quickly sold"
local function is_passive(words)
  for i, w in ipairs(words) do
    if AUXILIARIES[w] then
      for j = i + 1, math.min(i + 3, #words) do
        local n = words[j]
        if is_participle(n) then return true end
        if not (n == "being" or n == "not" or n:sub(-2) == "ly") then break end
      end
    end
  end
  return false
end

local function has_transition(words)
  for _, w in ipairs(words) do
    if TRANSITIONS[w] then return true end
  end
  local text = " " .. table.concat(words, " ") .. " "
  for _, phrase in ipairs(TRANSITION_PHRASES) do
    if text:find(" " .. phrase .. " ", 1, true) then return true end
  end
  return false
end

-- Assessments: each returns a light, a message and the places at fault ----

local function percent(part, whole)
  if whole == 0 then return 0 end
  return 100 * part / whole
end

local function light_low_good(value, green, red)
  if value <= green then return GREEN elseif value <= red then return ORANGE end
  return RED
end

local content_cache = nil
local function content_sentences(a)
  if content_cache then return content_cache end
  local list = {}
  for _, s in ipairs(a.sentences) do
    local b = a.blocks[s.block]
    if b and b.main and b.kind ~= "heading" and b.kind ~= "code" then list[#list + 1] = s end
  end
  content_cache = list
  return list
end

local assess = {}

function assess.sentence_length(a)
  local limit, long = option "sentence_words", {}
  local sentences = content_sentences(a)
  for _, s in ipairs(sentences) do
    if s.words > limit then long[#long + 1] = s end
  end
  local p = percent(#long, #sentences)
  local light = light_low_good(p, option "sentence_green_percent", option "sentence_red_percent")
  return light, ("%.1f%% of the sentences have more than %d words (aim for at most %d%%)")
    :format(p, limit, option "sentence_green_percent"), long
end

function assess.paragraph_length(a)
  local worst, too_long = 0, {}
  for _, b in ipairs(a.blocks) do
    if b.kind == "paragraph" and b.main then
      if b.words > worst then worst = b.words end
      if b.words > option "paragraph_green_words" then too_long[#too_long + 1] = b end
    end
  end
  local light = light_low_good(worst, option "paragraph_green_words", option "paragraph_red_words")
  return light, ("the longest paragraph has %d words (aim for at most %d)")
    :format(worst, option "paragraph_green_words"), too_long
end

function assess.subheading_distribution(a)
  local headings, worst, at_fault = 0, 0, {}
  for _, b in ipairs(a.blocks) do
    if b.kind == "heading" and b.role ~= "title" then headings = headings + 1 end
  end
  local total = a.counts.words
  if headings == 0 then
    if total > option "section_green_words" then
      return RED, ("%d words and no subheadings: add some"):format(total), {}
    end
    return GREEN, "short text: no subheadings needed", {}
  end
  for _, s in ipairs(a.sections) do
    if not s.boilerplate then
      if s.counts.words > worst then worst = s.counts.words end
      if s.counts.words > option "section_green_words" then at_fault[#at_fault + 1] = s end
    end
  end
  local light = light_low_good(worst, option "section_green_words", option "section_red_words")
  return light, ("the longest stretch without a subheading has %d words (aim for at most %d)")
    :format(worst, option "section_green_words"), at_fault
end

function assess.flesch(a)
  local fre = a.readability.flesch_reading_ease
  if not fre then return GREEN, "too little text for Flesch Reading Ease", {} end
  local light = fre >= option "flesch_green" and GREEN or fre >= option "flesch_red" and ORANGE or RED
  local hard = {}
  if light ~= GREEN then
    -- point at the hardest sentences (per-sentence grade above 12)
    for _, s in ipairs(content_sentences(a)) do
      if (s.grade or 0) > 12 then hard[#hard + 1] = s end
    end
  end
  return light, ("Flesch Reading Ease %.1f (aim for %d or more)"):format(fre, option "flesch_green"), hard
end

function assess.passive_voice(a)
  local sentences, passive = content_sentences(a), {}
  for _, s in ipairs(sentences) do
    if is_passive(lower_words(s)) then passive[#passive + 1] = s end
  end
  local p = percent(#passive, #sentences)
  local light = light_low_good(p, option "passive_green_percent", option "passive_red_percent")
  return light, ("%.1f%% of the sentences are in the passive voice (aim for at most %d%%)")
    :format(p, option "passive_green_percent"), passive
end

function assess.transition_words(a)
  if a.counts.words < option "transition_min_words" then
    return GREEN, ("under %d words: transition words not judged"):format(option "transition_min_words"), {}
  end
  local sentences, without, with = content_sentences(a), {}, 0
  for _, s in ipairs(sentences) do
    if has_transition(lower_words(s)) then with = with + 1 else without[#without + 1] = s end
  end
  local p = percent(with, #sentences)
  local light = p >= option "transition_green_percent" and GREEN
    or p >= option "transition_red_percent" and ORANGE or RED
  return light, ("%.1f%% of the sentences contain a transition word (aim for %d%% or more)")
    :format(p, option "transition_green_percent"), light == GREEN and {} or without
end

function assess.consecutive_sentences(a)
  local limit, at_fault, runs = option "same_start_limit", {}, 0
  local run, previous = {}, nil
  local function close()
    if #run >= limit then
      runs = runs + 1
      for _, s in ipairs(run) do at_fault[#at_fault + 1] = s end
    end
  end
  for _, s in ipairs(content_sentences(a)) do
    -- list items often share their first word by design ("a pot", "a cane")
    local first = a.blocks[s.block].kind ~= "list_item"
      and s.word_list[1] and s.word_list[1].text:lower()
    if first and first == previous then
      run[#run + 1] = s
    else
      close()
      run, previous = { s }, first
    end
  end
  close()
  if runs == 0 then return GREEN, "no run of sentences starting with the same word", {} end
  return RED, ("%d run(s) of %d or more sentences start with the same word"):format(runs, limit), at_fault
end

function assess.text_presence(a)
  if a.counts.characters < option "min_characters" then
    return RED, ("only %d characters: add some text"):format(a.counts.characters), {}
  end
  return GREEN, "enough text", {}
end

-- One check per assessment ---------------------------------------------------

local ORDER = {
  { "yoast-sentence-length", assess.sentence_length },
  { "yoast-paragraph-length", assess.paragraph_length },
  { "yoast-subheading-distribution", assess.subheading_distribution },
  { "yoast-flesch-reading-ease", assess.flesch },
  { "yoast-passive-voice", assess.passive_voice },
  { "yoast-transition-words", assess.transition_words },
  { "yoast-consecutive-sentences", assess.consecutive_sentences },
  { "yoast-text-presence", assess.text_presence },
}

local LEVEL = { [ORANGE] = "warning", [RED] = "error" }

-- The rules of one file share its world for one article: assess once.
local results = nil
local function all_results(a)
  if not results then
    results = {}
    for _, item in ipairs(ORDER) do
      local light, message, where = item[2](a)
      results[item[1]] = { light = light, message = message, where = where }
    end
  end
  return results
end

for _, item in ipairs(ORDER) do
  local name = item[1]
  check(name) {
    level = "error",
    run = function(a)
      local r = all_results(a)[name]
      local text = r.light .. ": " .. r.message
      if r.light == GREEN then return true, text end
      return false, text, r.where, LEVEL[r.light]
    end,
  }
end

-- Overall, as Yoast adds it up: red 3 penalty points, orange 2; more than 6
-- is red, more than 4 orange.
local function overall(a)
  local penalty = 0
  for _, r in pairs(all_results(a)) do
    if r.light == RED then penalty = penalty + 3 elseif r.light == ORANGE then penalty = penalty + 2 end
  end
  if penalty > 6 then return RED, 30, penalty end
  if penalty > 4 then return ORANGE, 60, penalty end
  return GREEN, 90, penalty
end

check "yoast-overall" {
  level = "error",
  run = function(a)
    local light, _, penalty = overall(a)
    local text = ("%s: %d penalty point(s)"):format(light, penalty)
    if light == GREEN then return true, text end
    return false, text, nil, LEVEL[light]
  end,
}

score "yoast" (function(a)
  local _, points = overall(a)
  return points
end)

tag "readability-good" (function(a) return (overall(a)) == GREEN end)
