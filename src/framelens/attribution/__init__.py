"""Source attribution: quotes and paraphrases, speakers, roles, cue-verb classes."""
