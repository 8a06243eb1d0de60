-- Forgets an intent to restore a message, unless what it created is recorded: a POST that provably never left may
-- be tried again, one that created something never.
-- KEYS[1]: the job's restores hash; ARGV[1]: the message's field (its ':created' field holds the result).
if redis.call('HEXISTS', KEYS[1], ARGV[1] .. ':created') == 1 then
  return 0
end
return redis.call('HDEL', KEYS[1], ARGV[1])
