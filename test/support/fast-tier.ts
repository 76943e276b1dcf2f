/** Set for every test file of the fast tier: the contract suites then run their in-memory side only. */
process.env.RAG_CHASER_TEST_TIER = 'fast';
