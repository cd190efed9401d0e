// Kavosh: Persian full-text search. GPL-2.0-or-later.
// Lucene 4.10 peer: PersianAnalyzer (its defaults: ZWNJ as a space, Arabic and Persian normalization,
// lower case, the analyzer's Persian stopword list; Lucene 4.10 has no Persian stemmer) over one field
// holding title + "\n" + body, in a RAMDirectory; BM25Similarity defaults (k1 1.2, b 0.75) at index and
// search time; each query escaped (QueryParser.escape) and parsed by the classic QueryParser with OR
// as the default operator; top 100 as a TREC run.
//   python3 bench/peers/common.py tsv DOCS.jsonl... | java -cp CLASSPATH LucenePeer RUN.trec QUERIES.tsv
// Documents arrive on standard input as id<TAB>title<TAB>body lines (bench/peers/run.sh makes them), so
// that this file needs no JSON library.
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.RAMDirectory;
import org.apache.lucene.util.Version;

public final class LucenePeer {
  private static final int DEPTH = 100;
  private static final Version VERSION = Version.LUCENE_4_10_4;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ... | java LucenePeer RUN.trec QUERIES.tsv   (documents on stdin)");
      System.exit(2);
    }
    Analyzer analyzer = new PersianAnalyzer();
    BM25Similarity bm25 = new BM25Similarity();
    RAMDirectory dir = new RAMDirectory();
    IndexWriterConfig config = new IndexWriterConfig(VERSION, analyzer);
    config.setSimilarity(bm25);
    try (IndexWriter writer = new IndexWriter(dir, config);
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t", 3);
        if (f.length < 3) continue;
        Document doc = new Document();
        doc.add(new StringField("id", f[0], Field.Store.YES));
        doc.add(new TextField("text", f[1] + "\n" + f[2], Field.Store.NO));
        writer.addDocument(doc);
      }
    }
    IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
    searcher.setSimilarity(bm25);
    QueryParser parser = new QueryParser("text", analyzer);
    parser.setDefaultOperator(QueryParser.Operator.OR);
    try (BufferedReader queries = new BufferedReader(
             new InputStreamReader(new FileInputStream(args[1]), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(args[0], "UTF-8")) {
      for (String line; (line = queries.readLine()) != null; ) {
        int tab = line.indexOf('\t');
        if (tab < 0) continue;
        String qid = line.substring(0, tab);
        Query query;
        try {
          query = parser.parse(QueryParser.escape(line.substring(tab + 1)));
        } catch (ParseException e) {  // e.g. nothing but stopwords: no results
          continue;
        }
        ScoreDoc[] hits = searcher.search(query, DEPTH).scoreDocs;
        for (int i = 0; i < hits.length; i++) {
          String id = searcher.doc(hits[i].doc).get("id");
          out.printf("%s Q0 %s %d %s lucene%n", qid, id, i + 1, Float.toString(hits[i].score));
        }
      }
    }
  }
}
