// loader.ahead: a write in the transaction that plans a load's statements ahead of it
// (plans for transactions that have written are cached apart). Always rolled back.
CREATE ()
