import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Run by ConnectServerTest in a JVM of its own, against the Spark Connect JVM client only: url, then queries. */
public class AmoConnectClient {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().remote(args[0]).getOrCreate();
        try {
            System.out.println("SESSION " + spark.getClass().getName());
            for (int i = 1; i < args.length; i++) {
                StringBuilder line = new StringBuilder("RESULT " + i);
                for (Row row : spark.sql(args[i]).collectAsList()) {
                    line.append(" |");
                    for (int c = 0; c < row.length(); c++) {
                        line.append(' ').append(row.get(c));
                    }
                }
                System.out.println(line);
            }
        } finally {
            spark.stop();
        }
    }
}
