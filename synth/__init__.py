"""Generated networks: the committed sample (:mod:`synth.sample`) and the scaled
benchmark networks (:mod:`synth.scaled`), sharing one vocabulary (:mod:`synth.vocabulary`).
Fictional people, real places and public bodies."""
