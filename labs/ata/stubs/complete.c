/*
 * LAB ata, part 1: a stand-in that marks the request done and wakes a
 * waiting owner, and nothing else: the timeout stays armed, a callback
 * is never called (so a bio never ends), a failure is not reported,
 * and the protocol never looks at the request (no automatic sense).
 * Write the real one (book/39-ata.nw, "Completing a request").
 */
ch->ch_running = NULL;
spin_lock(&ch->ch_spin);
req->ar_done = 1;
spin_unlock(&ch->ch_spin);
wakeup(req);
