package io.shoal.planner.rel;

import java.io.Reader;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;
import org.apache.calcite.sql.parser.impl.SimpleCharStream;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImplConstants;
import org.apache.calcite.sql.parser.impl.SqlParserImplTokenManager;
import org.apache.calcite.sql.parser.impl.Token;
import org.apache.calcite.util.SourceStringReader;

/**
 * Calcite's SQL parser, except that {@code GLOBAL} is an ordinary identifier. Calcite reserves it
 * (SQL:2003) but no production of its query grammar uses it, while Shoal's default schema is
 * called {@code global}: {@code SELECT * FROM global.orders} must parse without quotes.
 */
public final class ShoalParserFactory implements SqlParserImplFactory {
  public static final ShoalParserFactory INSTANCE = new ShoalParserFactory();

  private ShoalParserFactory() {}

  @Override
  public SqlAbstractParserImpl getParser(Reader reader) {
    SqlParserImpl parser = new SqlParserImpl(reader);
    if (reader instanceof SourceStringReader) {
      parser.setOriginalSql(((SourceStringReader) reader).getSourceString());
    }
    SimpleCharStream stream = new SimpleCharStream(reader, 1, 1);
    parser.ReInit(new GlobalAsIdentifier(stream));
    return parser;
  }

  /** Hands every {@code GLOBAL} keyword token to the parser as an identifier token. */
  private static final class GlobalAsIdentifier extends SqlParserImplTokenManager {
    GlobalAsIdentifier(SimpleCharStream stream) {
      super(stream);
    }

    @Override
    public Token getNextToken() {
      Token t = super.getNextToken();
      if (t.kind == SqlParserImplConstants.GLOBAL) {
        t.kind = SqlParserImplConstants.IDENTIFIER;
      }
      return t;
    }
  }
}
