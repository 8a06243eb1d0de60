-- Records an item's outcome unless it already has a final one, and for a deletion its archive entry, atomically.
-- KEYS[1]  the job's outcomes: a hash from position to the flag F (final) or R (may be retried) and the outcome
-- KEYS[2]  the job's archive: a hash from position to what was kept of the deleted message
-- KEYS[3]  the archive index of this API key: a sorted set of job:position scored by the deletion's time (ms)
-- KEYS[4]  the job's intents: a hash from position to when its DELETE was about to go out; the outcome ends it
-- KEYS[5]  the stream of the item's connection
-- ARGV[1]  the item's position
-- ARGV[2]  the outcome, as written by the store
-- ARGV[3]  'F' for a final outcome (deleted, already gone, refused), 'R' for one a later run retries (failed)
-- ARGV[4]  the job's id
-- ARGV[5]  the archive entry, or '' when there is none
-- ARGV[6]  the archive entry's time in milliseconds
-- ARGV[7]  the consumer group
-- ARGV[8]  the consumer recording the outcome, or ''
-- ARGV[9]  its stream entry for the item, or '' when it holds none
-- The item leaves the line (XACK) in the same step, when the consumer recording it holds it: an outcome is never
-- recorded without the item leaving the line, nor the other way round, whatever a crash interrupts.
-- Returns 1 when the outcome was written, 0 when the item already had a final outcome and nothing was written.
local function leave()
  if ARGV[9] ~= '' then
    local pending = redis.call('XPENDING', KEYS[5], ARGV[7], ARGV[9], ARGV[9], 1)
    if #pending == 1 and pending[1][2] == ARGV[8] then
      redis.call('XACK', KEYS[5], ARGV[7], ARGV[9])
    end
  end
end
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and string.sub(current, 1, 1) == 'F' then
  leave()
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[1])
if ARGV[3] == 'F' and ARGV[5] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[4] .. ':' .. ARGV[1])
end
leave()
return 1
