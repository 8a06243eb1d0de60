-- Puts a job's items whose last outcome is one a later run retries (failed, unconfirmed) back in line, once: their
-- outcome's flag turns from R (may be retried) to Q (queued again), so a second process joining the job at the same
-- time finds nothing to put back.
-- KEYS[1]    the job's outcomes
-- KEYS[2..]  for each item, its connection's stream
-- ARGV[i]    for KEYS[i + 1]: the item's position, then ':1' when it must be settled by reading before anything else
-- Returns how many items were put back.
local count = 0
for i = 1, #ARGV do
  local position, settle = string.match(ARGV[i], '^(%d+):?(%d?)$')
  local current = redis.call('HGET', KEYS[1], position)
  if current and string.sub(current, 1, 1) == 'R' then
    redis.call('HSET', KEYS[1], position, 'Q' .. string.sub(current, 2))
    if settle == '1' then
      redis.call('XADD', KEYS[i + 1], '*', 'p', position, 's', '1')
    else
      redis.call('XADD', KEYS[i + 1], '*', 'p', position)
    end
    count = count + 1
  end
end
return count
