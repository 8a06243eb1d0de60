-- Withdraws an intent (OFAuth answered that it did not carry the DELETE out: a 429, a 401 or a 403), only for the
-- consumer that holds the item under its claim; the item stays held by it.
-- KEYS[1]  the stream of the job's items for the item's connection
-- KEYS[2]  the job's intents
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3]  the item's stream entry
-- ARGV[4]  the claim's fence
-- ARGV[5]  the item's position
-- Returns 1 when withdrawn, 0 when this consumer no longer holds the item.
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #pending == 0 or pending[1][2] ~= ARGV[2] or tostring(pending[1][4]) ~= ARGV[4] then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[5])
return 1
