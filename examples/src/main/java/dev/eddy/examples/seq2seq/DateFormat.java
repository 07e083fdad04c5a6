package dev.eddy.examples.seq2seq;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.function.Function;

/**
 * The ways the toy translation task writes a date, each unambiguous: slashes are month first
 * (US), dots are day first (European), and a two-digit year {@code yy} means 19yy from 50 and 20yy
 * below, which covers the task's dates 1950–2049. Every format can be read back to one ISO date.
 */
enum DateFormat {
  ISO(d -> String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())),
  COMPACT(d -> String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())),
  YEAR_SLASH(d -> String.format(Locale.ROOT, "%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())),
  US_SHORT(d -> d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + twoDigits(d.getYear())),
  US_PADDED(d -> String.format(Locale.ROOT, "%02d/%02d/%04d", d.getMonthValue(), d.getDayOfMonth(), d.getYear())),
  EUROPEAN(d -> d.getDayOfMonth() + "." + d.getMonthValue() + "." + d.getYear()),
  EUROPEAN_SHORT(d -> String.format(Locale.ROOT, "%02d.%02d.%s", d.getDayOfMonth(), d.getMonthValue(),
      twoDigits(d.getYear()))),
  MONTH_DAY_YEAR(d -> month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
  SHORT_MONTH_DAY_YEAR(d -> shortMonth(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
  DAY_MONTH_YEAR(d -> d.getDayOfMonth() + " " + month(d) + " " + d.getYear()),
  DAY_SHORT_MONTH_YEAR(d -> d.getDayOfMonth() + " " + shortMonth(d) + " " + d.getYear()),
  WEEKDAY_DAY_MONTH(d -> shortWeekday(d) + " " + d.getDayOfMonth() + " " + shortMonth(d) + " " + d.getYear()),
  FULL_WEEKDAY(d -> weekday(d) + ", " + month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
  ORDINAL_OF(d -> ordinal(d.getDayOfMonth()) + " of " + month(d) + " " + d.getYear()),
  MONTH_ORDINAL(d -> month(d) + " " + ordinal(d.getDayOfMonth()) + ", " + d.getYear()),
  LOWER_THE_ORDINAL(d -> ("the " + ordinal(d.getDayOfMonth()) + " of " + month(d) + ", " + d.getYear())
      .toLowerCase(Locale.ROOT)),
  UPPER(d -> (month(d) + " " + d.getDayOfMonth() + " " + d.getYear()).toUpperCase(Locale.ROOT)),
  DASHED_SHORT_MONTH(d -> String.format(Locale.ROOT, "%02d-%s-%04d", d.getDayOfMonth(), shortMonth(d), d.getYear())),
  APOSTROPHE_YEAR(d -> shortMonth(d) + " " + d.getDayOfMonth() + " '" + twoDigits(d.getYear())),
  RFC(d -> String.format(Locale.ROOT, "%s, %02d %s %04d", shortWeekday(d), d.getDayOfMonth(), shortMonth(d),
      d.getYear()));

  private final Function<LocalDate, String> render;

  DateFormat(Function<LocalDate, String> render) {
    this.render = render;
  }

  /** The date written this way, e.g. {@code "Wed 3 Mar 2021"}. */
  String render(LocalDate date) {
    return render.apply(date);
  }

  private static String month(LocalDate d) {
    return d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private static String shortMonth(LocalDate d) {
    return d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  private static String weekday(LocalDate d) {
    return d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  private static String shortWeekday(LocalDate d) {
    return d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
  }

  private static String twoDigits(int year) {
    return String.format(Locale.ROOT, "%02d", year % 100);
  }

  /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, 22nd, 23rd, ..., 31st. */
  static String ordinal(int day) {
    String suffix = day / 10 == 1 ? "th" : switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return day + suffix;
  }
}
