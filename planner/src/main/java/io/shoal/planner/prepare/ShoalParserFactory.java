package io.shoal.planner.prepare;

import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.AS;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.CAST;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.C_STYLE_ESCAPED_STRING_LITERAL;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATE;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATEADD;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATEDIFF;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATEPART;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATE_DIFF;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATE_PART;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.DATE_TRUNC;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.IDENTIFIER;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.INFIX_CAST;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LBRACE;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LBRACE_D;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LBRACE_FN;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LBRACE_T;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LBRACE_TS;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.LPAREN;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.RBRACE;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.PREFIXED_STRING_LITERAL;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.QUOTED_STRING;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.RPAREN;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.SAFE_CAST;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.TIME;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.TIMESTAMP;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.TRY_CAST;
import static org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants.UNICODE_STRING_LITERAL;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.babel.SimpleCharStream;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplTokenManager;
import org.apache.calcite.sql.parser.babel.Token;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's lenient (Babel) parser, which reserves few keywords, so that the names BI tools give
 * columns ({@code day}, {@code month}, {@code year}, {@code value}, {@code user}, and Shoal's
 * schema {@code global}) are ordinary identifiers, and which reads {@code x::type}.
 *
 * <p>Two kinds of keyword Babel still reserves are made identifiers by looking at their
 * neighbours: {@code date}, {@code time} and {@code timestamp} unless they start a literal
 * ({@code DATE '2024-01-01'}), a function call, or name a type (after {@code ::}, or after
 * {@code AS} inside a cast); and DuckDB's {@code datediff('day', a, b)}, {@code date_part('year',
 * d)}, {@code date_trunc('month', t)}, whose Babel productions want a unit keyword instead of
 * DuckDB's string: called with a string, they are plain function names, resolved in Shoal's
 * operator table. And {@code {fn CONCAT(a, b)}} is DuckDB's {@code concat(a, b)}, which skips
 * NULLs, not Calcite's mapping of it to {@code a || b}, which is NULL when either is.
 */
public final class ShoalParserFactory implements SqlParserImplFactory {
  public static final ShoalParserFactory INSTANCE = new ShoalParserFactory();

  private static final Set<Integer> STRINGS = Set.of(QUOTED_STRING, PREFIXED_STRING_LITERAL,
      UNICODE_STRING_LITERAL, C_STYLE_ESCAPED_STRING_LITERAL);
  private static final Set<Integer> TYPE_WORDS = Set.of(DATE, TIME, TIMESTAMP);
  private static final Set<Integer> UNIT_FIRST_FUNCTIONS =
      Set.of(DATEADD, DATEDIFF, DATEPART, DATE_PART, DATE_DIFF, DATE_TRUNC);
  private static final Set<Integer> CASTS = Set.of(CAST, TRY_CAST, SAFE_CAST);
  private static final Set<Integer> BRACES = Set.of(LBRACE, LBRACE_D, LBRACE_T, LBRACE_TS, LBRACE_FN);

  private ShoalParserFactory() {}

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    SqlBabelParserImpl parser = (SqlBabelParserImpl) SqlBabelParserImpl.FACTORY.getParser(reader);
    if (reader instanceof SourceStringReader) {
      parser.setOriginalSql(((SourceStringReader) reader).getSourceString());
    }
    SimpleCharStream stream = new SimpleCharStream(reader, 1, 1);
    parser.ReInit(new KeywordsInContext(stream));
    return parser;
  }

  /** Hands keywords that are used as names to the parser as identifier tokens. */
  private static final class KeywordsInContext extends SqlBabelParserImplTokenManager {
    private final List<Token> ahead = new ArrayList<>();
    /** Per open parenthesis: whether it opened a cast, and whether its AS was seen. */
    private final Deque<int[]> parens = new ArrayDeque<>();
    /** Per open JDBC escape brace: whether it was dropped (so its closing brace is too). */
    private final Deque<Boolean> braces = new ArrayDeque<>();
    private int previous = -1;
    private boolean castNext;

    KeywordsInContext(SimpleCharStream stream) {
      super(stream);
    }

    private Token peek(int k) {
      while (ahead.size() <= k) {
        ahead.add(super.getNextToken());
      }
      return ahead.get(k);
    }

    @Override
    public Token getNextToken() {
      Token t = peek(0);
      ahead.remove(0);
      while (BRACES.contains(t.kind) || (t.kind == RBRACE && !braces.isEmpty())) {
        if (t.kind == RBRACE) {
          if (!braces.pop()) {
            break;
          }
        } else {
          boolean concat = t.kind == LBRACE_FN && peek(0).kind == IDENTIFIER
              && peek(0).image.equalsIgnoreCase("concat");
          braces.push(concat);
          if (!concat) {
            break;
          }
        }
        t = peek(0);
        ahead.remove(0);
      }
      boolean inCastType = !parens.isEmpty() && parens.peek()[0] == 1 && parens.peek()[1] == 1;
      if (TYPE_WORDS.contains(t.kind)) {
        int next = peek(0).kind;
        boolean type = previous == INFIX_CAST || inCastType;
        if (!type && !STRINGS.contains(next) && next != LPAREN) {
          t.kind = IDENTIFIER;
        }
      } else if (UNIT_FIRST_FUNCTIONS.contains(t.kind) && peek(0).kind == LPAREN
          && STRINGS.contains(peek(1).kind)) {
        t.kind = IDENTIFIER;
      }
      track(t);
      return t;
    }

    private void track(Token t) {
      if (t.kind == LPAREN) {
        parens.push(new int[] {castNext ? 1 : 0, 0});
      } else if (t.kind == RPAREN && !parens.isEmpty()) {
        parens.pop();
      } else if (t.kind == AS && !parens.isEmpty() && parens.peek()[0] == 1) {
        parens.peek()[1] = 1;
      }
      castNext = CASTS.contains(t.kind);
      previous = t.kind;
    }
  }
}
