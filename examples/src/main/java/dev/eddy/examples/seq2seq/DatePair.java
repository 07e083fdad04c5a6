package dev.eddy.examples.seq2seq;

/** One example of the task: a date as written ({@code "3rd of March 2021"}) and its ISO form ({@code "2021-03-03"}). */
record DatePair(String source, String target) {}
