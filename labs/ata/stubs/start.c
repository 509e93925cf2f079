/*
 * LAB ata, part 1: a stand-in that starts the first queued request and
 * nothing more: no timeout is armed (a device that never answers keeps
 * its channel for ever), a stalled channel starts anyway, and after a
 * request that fails at once the others wait for the next event.
 * Write the real one (book/39-ata.nw, "Starting the next request").
 */
struct ata_request *req;

spin_lock(&ch->ch_spin);
req = TAILQ_FIRST(&ch->ch_queue);
if (req != NULL)
	TAILQ_REMOVE(&ch->ch_queue, req, ar_link);
spin_unlock(&ch->ch_spin);
if (req == NULL)
	return;
(void)ata_timeout_callout;	/* what the real one arms, for the timeout */
ch->ch_running = req;
ch->ch_proto = ata_protocol_of(req);
req->ar_result = 0;
req->ar_reason = NULL;
req->ar_donecount = 0;
if (ch->ch_proto->ap_begin(req) == ATA_OP_FINISHED)
	ata_complete(ch, req);
