#include "SkippedRowsModel.h"

#include "CsvImportDialog.h"

#include <QCoreApplication>

SkippedRowsModel::SkippedRowsModel(QObject *parent) : QAbstractTableModel(parent) {}

void SkippedRowsModel::setRows(QList<CsvImportWorker::SkippedRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SkippedRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SkippedRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SkippedRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || role != Qt::DisplayRole)
        return {};
    const CsvImportWorker::SkippedRow &s = m_rows.at(index.row());
    switch (index.column()) {
    case Line:
        return QString::number(s.line);
    case Phone:
        return s.phoneNumber;
    case Reason:
        return CsvImportDialog::reasonLabel(s.reason);
    case Detail:
        return s.detail;
    }
    return {};
}

QVariant SkippedRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    // The dialog's context: these were its form's column titles, and are translated there.
    switch (section) {
    case Line:
        return QCoreApplication::translate("CsvImportDialog", "Line");
    case Phone:
        return QCoreApplication::translate("CsvImportDialog", "Phone");
    case Reason:
        return QCoreApplication::translate("CsvImportDialog", "Reason");
    case Detail:
        return QCoreApplication::translate("CsvImportDialog", "Detail");
    }
    return {};
}
