-- Loaded before every test file.

-- raises calls f(...) under pcall, asserts that it fails, and that the
-- error message contains needle (a plain substring, not a pattern).
function raises(needle, f, ...)
  local ok, err = pcall(f, ...)
  if ok then
    error("expected an error containing '" .. needle .. "', got success", 2)
  end
  if not string.find(tostring(err), needle, 1, true) then
    error("error '" .. tostring(err) .. "' does not contain '" .. needle .. "'", 2)
  end
  return err
end

-- eq asserts equality and shows both values when it fails.
function eq(got, want, what)
  if got ~= want then
    error((what or "value") .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2)
  end
end

-- hex renders a byte string for comparisons that read well.
function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", string.byte(c)) end))
end
