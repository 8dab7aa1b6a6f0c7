#pragma once

#include "CsvImportWorker.h"

#include <QAbstractTableModel>

// The CSV import's skipped rows (up to CsvImportWorker::kMaxReportedRows) for a QTableView.
// A model, not a QTableWidget's items: an import into a big list can skip its 10,000 reported
// rows, and creating 40,000 items at the end of the import froze the window for a third of a
// second; a view asks only for the rows on screen.
class SkippedRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Line,
        Phone,
        Reason,
        Detail,
        ColumnCount
    };

    explicit SkippedRowsModel(QObject *parent = nullptr);

    void setRows(QList<CsvImportWorker::SkippedRow> rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<CsvImportWorker::SkippedRow> m_rows;
};
